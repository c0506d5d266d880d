"""What every window and dialog of the app does alike, installed once on the application:
the wheel changes only a focused field, Ctrl+Z reaches the diary's Undo from a field with
nothing to undo, F4 and Alt+Down open a date field's calendar, and a field that gets the focus
from the keyboard (Tab, an Alt key) is scrolled into sight.

One filter sees every event of every widget, so it is a single Python call per event that asks
the event's type once: three filters cost three times as much at every start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from rlstracker.ui import date_keys, undo_keys, wheel_guard
from rlstracker.ui.fields import bring_into_view

_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_KEY_PRESS = QEvent.Type.KeyPress


class AppBehaviour(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            return wheel_guard.on_wheel(watched, event)
        if kind == _POLISH:
            wheel_guard.on_polish(watched)
        elif kind == _SHORTCUT_OVERRIDE:
            assert isinstance(event, QKeyEvent)
            return undo_keys.on_shortcut_override(watched, event)
        elif kind == _KEY_PRESS:
            assert isinstance(event, QKeyEvent)
            return date_keys.on_key_press(watched, event)
        return False


def install_app_behaviour(app: QApplication) -> None:
    """Once per application: later calls do nothing. The wiring installs it once the window has
    painted (and before the first-run guide, when that comes first): a Python call for every
    event of every widget while the window is being made took that making from 48 to 89 ms.
    The fields already polished by then are set as their polish would have set them."""
    if app.property("rlstrackerBehaviour"):
        return
    app.installEventFilter(AppBehaviour(app))
    app.focusChanged.connect(_on_focus_changed)
    app.setProperty("rlstrackerBehaviour", True)
    for widget in app.allWidgets():
        wheel_guard.on_polish(widget)


def uninstall_app_behaviour(app: QApplication) -> None:
    """Take it off again (a test of the wiring starts without it)."""
    for behaviour in app.findChildren(AppBehaviour):
        app.removeEventFilter(behaviour)
        behaviour.deleteLater()
    if app.property("rlstrackerBehaviour"):
        app.focusChanged.disconnect(_on_focus_changed)
    app.setProperty("rlstrackerBehaviour", False)


def _on_focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        bring_into_view(new)
