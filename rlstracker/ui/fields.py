"""Input fields shared by the forms: 0-10 scales, side-effect grades, doses in mg."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import N_, _, number, pgettext
from rlstracker.domain.models import (
    GRADE_DESCRIPTIONS,
    GRADE_NAMES,
    SIDE_EFFECT_NAMES,
    dose_problems,
)

NOT_RECORDED = N_("not recorded")  # marked here, translated where said


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class SettledDate(QObject):
    """A date field's changes, once per choice. While its calendar is open, each arrow key
    moves the field's date a day, and each move would count as a choice (in the night's diary,
    the first arrow asked Save/Discard/Cancel and the next arrow answered it): only the day the
    calendar closes on counts, and only if it is another day than when it opened."""

    changed = Signal(object)  # the date chosen

    # Keep a reference where it is made: Qt keeps the object (its parent is the field), but
    # Python would drop its attributes with its last reference.

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._opened_on: QDate | None = None
        self._watched: QWidget | None = None
        edit.dateChanged.connect(self._on_edit_date_changed)
        edit.installEventFilter(self)  # the press that opens the calendar (F4 makes one too)

    def _open_calendar(self) -> QWidget | None:
        """The field's calendar, if it is open (it is made only when first opened)."""
        popup = QApplication.activePopupWidget()
        return popup if popup is not None and popup.parentWidget() is self._edit else None

    def _on_edit_date_changed(self, chosen: QDate) -> None:
        popup = self._open_calendar()
        if popup is None:
            self.changed.emit(from_qdate(chosen))
        elif self._watched is not popup:
            popup.installEventFilter(self)
            self._watched = popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "_edit" not in self.__dict__:
            return False  # a window being torn down: its Python side is gone already
        kind = event.type()
        if watched is self._edit and kind == QEvent.Type.MouseButtonPress:
            if self._open_calendar() is None:
                self._opened_on = self._edit.date()
        elif watched is self._watched and kind == QEvent.Type.Hide:
            opened_on, self._opened_on = self._opened_on, None
            # Once the calendar has gone: the choice may ask a question in a dialog of its own.
            QTimer.singleShot(0, lambda: self._settle(opened_on))
        return False

    def _settle(self, opened_on: QDate | None) -> None:
        if self._edit.date() != opened_on:
            self.changed.emit(from_qdate(self._edit.date()))


def severity_words(value: int) -> str:
    if value == 0:
        return _("no symptoms")
    if value <= 3:
        return pgettext("symptoms", "mild")
    if value <= 6:
        return pgettext("symptoms", "moderate")
    if value <= 9:
        return pgettext("symptoms", "severe")
    return _("the worst imaginable")


def sleep_words(value: int) -> str:
    if value <= 1:
        return _("hardly slept")
    if value <= 4:
        return pgettext("sleep", "poor")
    if value <= 6:
        return pgettext("sleep", "fair")
    if value <= 8:
        return pgettext("sleep", "good")
    return pgettext("sleep", "excellent")


class ScoreSpin(QSpinBox):
    """A 0-10 spin box whose lowest value reads "not recorded". A digit typed while it says
    "not recorded" becomes the score (Qt would otherwise insert it into the words and drop
    it), and focus selects the whole text so that typing replaces it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self.value() == self.minimum() and len(text) == 1 and text in "0123456789":
            self.setValue(int(text))
            self.lineEdit().end(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after Qt has placed the cursor for the click


def point_buddies_at_proxies(form: QFormLayout) -> None:
    """A label's Alt key focuses its buddy only if the buddy itself takes focus: for a field
    made of several widgets, point the label at the one that does (its focus proxy)."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = label.widget() if label is not None else None
        if isinstance(widget, QLabel):
            buddy = widget.buddy()
            proxy = buddy.focusProxy() if buddy is not None else None
            if proxy is not None:
                widget.setBuddy(proxy)


def bring_into_view(widget: QWidget) -> None:
    """Scroll every scroll area around `widget` that does not show all of it, so that it does."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        content = area.widget() if isinstance(area, QScrollArea) else None
        if (
            isinstance(area, QScrollArea)
            and content is not None
            and area.viewport() is parent
            and content.isAncestorOf(widget)
        ):
            # The whole field where it fits, its top where it does not (QScrollArea's own
            # ensureWidgetVisible shows only a text field's cursor line).
            wanted = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size()).adjusted(
                -8, -8, 8, 8
            )
            _scroll_to_show(
                area.verticalScrollBar(), wanted.top(), wanted.bottom(), parent.height()
            )
            _scroll_to_show(
                area.horizontalScrollBar(), wanted.left(), wanted.right(), parent.width()
            )
        parent = parent.parentWidget()


def _scroll_to_show(bar: QScrollBar, start: int, end: int, length: int) -> None:
    if start < bar.value():
        bar.setValue(start)
    elif end > bar.value() + length:
        bar.setValue(min(start, end - length + 1))


def reveal(widget: QWidget) -> None:
    """Scroll `widget` into sight and give it the focus."""
    bring_into_view(widget)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


class ScaleField(QWidget):
    """A 0-10 score, or not recorded, with its meaning in words beside it."""

    value_changed = Signal(object)

    def __init__(self, name: str, words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self.spin = ScoreSpin()
        self.spin.setRange(-1, 10)
        self.spin.setSpecialValueText(_(NOT_RECORDED))
        self.spin.setValue(-1)
        self.spin.setMinimumWidth(150)
        self.spin.setAccessibleName(name)
        self.spin.setAccessibleDescription(
            _("0 to 10; type a number, or Backspace for not recorded")
        )
        self.meaning = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addWidget(self.meaning, 1)
        self.setFocusProxy(self.spin)
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self._on_spin_value_changed(-1)

    def value(self) -> int | None:
        return None if self.spin.value() < 0 else self.spin.value()

    def set_value(self, value: int | None) -> None:
        self.spin.setValue(-1 if value is None else value)

    def _on_spin_value_changed(self, value: int) -> None:
        self.meaning.setText(
            ""
            if value < 0
            else _("{value} of 10: {words}").format(value=value, words=self._words(value))
        )
        self.value_changed.emit(self.value())


class GradeField(QComboBox):
    """A side effect graded none, mild, moderate or severe, each described in plain words."""

    def __init__(self, effect: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.effect = effect
        self.addItem(f"– {_(NOT_RECORDED)}", None)
        for grade, description in enumerate(GRADE_DESCRIPTIONS[effect]):
            self.addItem(f"{grade} {GRADE_NAMES[grade]}: {description}", grade)
        # The descriptions are long; let the field be narrower than its longest item.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.setAccessibleName(SIDE_EFFECT_NAMES[effect])
        self.setAccessibleDescription(_("Type 0 for none, 1 mild, 2 moderate, 3 severe"))

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, grade: int | None) -> None:
        self.setCurrentIndex(0 if grade is None else grade + 1)


class _AmountEdit(QLineEdit):
    """As wide as its "not recorded" in the language and text size of the moment, no wider: a
    fixed 150 px cut the German "nicht eingetragen" to "nicht e…" at the largest text."""

    narrows = False  # True: narrower (down to five digits) where a row has no more room

    def _five_digits(self) -> int:
        return self.fontMetrics().horizontalAdvance("00000") + 12

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.textMargins()
        words = self.fontMetrics().horizontalAdvance(self.placeholderText() + "  ")
        frame = hint.width() - self.fontMetrics().horizontalAdvance("x" * 17)
        width = words + margins.left() + margins.right() + max(frame, 8)
        return QSize(max(width, self._five_digits()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        wide = self._five_digits() if self.narrows else self.sizeHint().width()
        return QSize(wide, hint.height())


class DoseField(QWidget):
    """Milligrams of elemental magnesium, checked as typed: empty means not recorded."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, narrows: bool = False) -> None:
        """`narrows`: in a row that can't wrap, narrower where there is no room (its "not
        recorded" then cut); else always whole, and a form puts it under its label instead."""
        super().__init__(parent)
        self.edit = _AmountEdit()
        self.edit.narrows = narrows
        self.edit.setPlaceholderText(_(NOT_RECORDED))
        self.edit.setAccessibleName(name)
        self.edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # Translators: the abbreviation for milligrams, after a dose field.
        self.unit = QLabel(_("mg"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # The hint goes below the amount: beside it, a long hint squeezed into the rest of a
        # narrow row wrapped into a column of single words.
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.hint.hide()
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.changed)

    def text(self) -> str:
        return self.edit.text().strip()

    def set_hint(self, text: str) -> None:
        """A line under the amount (what is wrong with it, or what it means); none when empty."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_value(self, dose_mg: float | None) -> None:
        # As the language writes it (62,5 in German); a comma or a dot reads back alike.
        self.edit.setText("" if dose_mg is None else number(dose_mg))

    def problem(self) -> str | None:
        """Why the text is not a dose, in words that say how to fix it; None when it is."""
        text = self.text()
        if not text:
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return _("Type the milligrams as a number, such as 150, or leave it empty.")
        problems = dose_problems(value)
        if problems:
            return problems[0][0].upper() + problems[0][1:] + "."
        return None

    def value(self) -> float | None:
        """The dose, or None when empty. Call only when problem() is None."""
        text = self.text()
        return float(text.replace(",", ".")) if text else None


class ScrollArea(QScrollArea):
    """Scrolls up and down. It asks for the width its content needs, so that the window
    around it grows to show it whole (up to the screen); only past the screen's width does a
    sideways scroll bar appear, rather than anything being cut off."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        screen = self.screen().availableGeometry().width() if self.screen() else width
        return QSize(min(width, screen - 80), hint.height())


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless area that scrolls up and down (and sideways only as a last
    resort, on a screen too narrow for it)."""
    area = ScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
