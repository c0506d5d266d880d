"""Lists found from the keyboard by the start of any word of an item, not only the first:
"cit" finds "Magnesium citrate" where every item begins with "Magnesium"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox


def word_starts(text: str) -> list[int]:
    """Where each word of `text` begins: a letter or digit after anything else."""
    return [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]


def find_row(texts: Sequence[str], typed: str, start: int) -> int | None:
    """The first row from `start` on (wrapping round) where a word begins with `typed`, capitals
    aside; None when no row has one."""
    wanted = typed.casefold()
    for step in range(len(texts)):
        row = (start + step) % len(texts)
        text = texts[row].casefold()
        if any(text.startswith(wanted, at) for at in word_starts(text)):
            return row
    return None


class WordSearch(QObject):
    """Type-ahead for a combo box, closed or open, by the start of any word. Keys typed within
    the platform's pause make one search, as Qt's own does; a new letter, or the same letter
    again, moves on to the next item it starts a word of."""

    _MODIFIERS = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo
        self._typed = ""
        self._clock = QElapsedTimer()
        combo.installEventFilter(self)
        combo.view().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & self._MODIFIERS:
            return False
        if self._clock.isValid() and self._clock.elapsed() > QApplication.keyboardInputInterval():
            self._typed = ""
        if text.isspace() and not self._typed:
            return False  # Space opens the list, as always
        self._clock.start()
        return self._search(text, in_list=watched is self._combo.view())

    def _search(self, text: str, in_list: bool) -> bool:
        combo = self._combo
        view = combo.view()
        current = view.currentIndex().row() if in_list else combo.currentIndex()
        texts = [combo.itemText(row) for row in range(combo.count())]
        self._typed += text
        repeated = self._typed.casefold() == self._typed[0].casefold() * len(self._typed)
        row = None
        if len(self._typed) > 1:
            row = find_row(texts, self._typed, max(current, 0))
        if row is None and (len(self._typed) == 1 or repeated):
            row = find_row(texts, self._typed[0], current + 1)
        if row is None:
            return True
        if in_list:
            view.setCurrentIndex(combo.model().index(row, combo.modelColumn()))
        else:
            combo.setCurrentIndex(row)
        return True
