"""Ctrl+Z in a field with nothing of its own to undo undoes the diary's last change.

A text field claims Ctrl+Z (and Ctrl+Shift+Z, Ctrl+Y) for itself whenever it has focus, even
with an empty undo history: after saving a night the cursor usually stays in a field, and the
window's Undo would never be reached from the keyboard. One filter on the application hands
the keys to the window's Undo and Redo when the focused field has nothing to undo or redo
(rlstracker.ui.app_behaviour installs it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

REDO_ELSEWHERE = ("Ctrl+Y", "Ctrl+Shift+Z")


def on_shortcut_override(watched: QObject, event: QKeyEvent) -> bool:
    """True when the keys are not the focused field's to take: the window's Undo or Redo
    shortcut then takes them."""
    if not isinstance(watched, QWidget):
        return False
    if event.matches(QKeySequence.StandardKey.Undo):
        wants = _field_can(watched, redo=False)
    elif event.matches(QKeySequence.StandardKey.Redo) or _is_redo_elsewhere(event):
        wants = _field_can(watched, redo=True)
    else:
        return False
    if wants is False:
        event.ignore()  # not the field's: the window's shortcut takes it
        return True
    return False


def _is_redo_elsewhere(event: QKeyEvent) -> bool:
    """Ctrl+Y or Ctrl+Shift+Z, whichever is not this desktop's Redo: the window takes both."""
    pressed = QKeySequence(event.keyCombination())
    return any(pressed == QKeySequence(keys) for keys in REDO_ELSEWHERE)


def _field_can(widget: QWidget, redo: bool) -> bool | None:
    """Whether the focused field can undo (redo) something itself; None for widgets that are
    not text fields, which are left as they are."""
    if isinstance(widget, QAbstractSpinBox):
        edit = widget.findChild(QLineEdit)
        widget = edit if edit is not None else widget
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None
