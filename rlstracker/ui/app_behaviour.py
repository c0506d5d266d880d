"""What every window and dialog of the app does alike, installed once on the application:
the wheel changes only a focused field, Ctrl+Z reaches the diary's Undo from a field with
nothing to undo, F4 and Alt+Down open a date field's calendar, and a field that gets the focus
from the keyboard (Tab, an Alt key) is scrolled into sight."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from rlstracker.ui.date_keys import install_calendar_keys
from rlstracker.ui.fields import bring_into_view
from rlstracker.ui.undo_keys import install_undo_keys
from rlstracker.ui.wheel_guard import install_wheel_guard


def install_app_behaviour(app: QApplication) -> None:
    """Once per application: later calls do nothing."""
    install_wheel_guard(app)
    install_undo_keys(app)
    install_calendar_keys(app)
    if app.property("rlstrackerFocusFollower"):
        return
    app.focusChanged.connect(_on_focus_changed)
    app.setProperty("rlstrackerFocusFollower", True)


def _on_focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        bring_into_view(new)
