"""The mouse wheel scrolls the page, and changes a field's value only once the field has focus.

Spin boxes, combo boxes, date edits and sliders change their value under a passing wheel in
Qt; in a long scrolled form that silently changes a plan or a score. One filter on the
application, installed once, stops that for every such field in every window and dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            field = _guarded_field(watched)
            if field is not None and not field.hasFocus():
                _scroll_page(field, event)
                return True
        elif kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus
        return False


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


def install_wheel_guard(app: QApplication) -> None:
    """Once per application: later calls do nothing."""
    if app.property("rlstrackerWheelGuard"):
        return
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("rlstrackerWheelGuard", True)
