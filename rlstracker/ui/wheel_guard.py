"""The mouse wheel scrolls the page, and changes a field's value only once the field has focus.

Spin boxes, combo boxes, date edits and sliders change their value under a passing wheel in
Qt; in a long scrolled form that silently changes a plan or a score. One filter on the
application (rlstracker.ui.app_behaviour), installed once, stops that for every such field in
every window and dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def on_wheel(watched: QObject, event: QEvent) -> bool:
    """True when the wheel went to the page instead of a field without focus."""
    field = _guarded_field(watched)
    if field is not None and not field.hasFocus():
        _scroll_page(field, event)
        return True
    return False


def on_polish(watched: QObject) -> None:
    """A guarded field takes focus from a click or Tab, never from the wheel."""
    if isinstance(watched, _GUARDED) and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _guarded_field(watched: QObject) -> QWidget | None:
    """The spin box, combo box or slider the wheel is over (its line edit counts as it)."""
    widget = watched if isinstance(watched, QWidget) else None
    for _ in range(2):
        if widget is None:
            return None
        if isinstance(widget, QScrollBar):
            return None  # a scroll bar is the page's own: the wheel always moves it
        if isinstance(widget, _GUARDED) and not isinstance(widget, QAbstractScrollArea):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll_page(field: QWidget, event: QEvent) -> None:
    parent = field.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        QCoreApplication.sendEvent(parent.verticalScrollBar(), event)
