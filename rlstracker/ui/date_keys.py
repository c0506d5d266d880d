"""F4 and Alt+Down open a date field's calendar, as they open a drop-down list.

A date field with a calendar button looks like a drop-down list, but Qt opens its calendar
only with the mouse, and Alt+Down stepped the date back a day instead. The application's
one filter (rlstracker.ui.app_behaviour) opens the calendar for those keys, by pressing the
field's own calendar button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget


def on_key_press(watched: QObject, event: QKeyEvent) -> bool:
    """True when the keys opened a date field's calendar."""
    if not isinstance(watched, QWidget) or not opens_calendar(event):
        return False
    edit = _date_field(watched)
    if edit is None:
        return False
    open_calendar(edit)
    return True


def opens_calendar(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_F4:
        return modifiers == Qt.KeyboardModifier.NoModifier
    return event.key() == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier


def _date_field(widget: QWidget) -> QDateTimeEdit | None:
    """The date field a key went to (the field itself, or the text line inside it)."""
    for candidate in (widget, widget.parentWidget()):
        if isinstance(candidate, QDateTimeEdit):
            if candidate.calendarPopup() and candidate.isEnabled() and not candidate.isReadOnly():
                return candidate
            return None
    return None


def open_calendar(edit: QDateTimeEdit) -> None:
    """Press the field's calendar button, the one place Qt opens the calendar from."""
    from PySide6.QtGui import QMouseEvent  # here: Qt builds these classes when first named
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(edit)
    option.editable = True
    option.subControls = QStyle.SubControl.SC_All
    arrow = edit.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, edit
    )
    where = QPointF(arrow.center())
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        where,
        edit.mapToGlobal(where),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(edit, press)
