"""Windows and dialogs sized for the screen they open on, never larger: usable at 1024×600."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN_PX = 40  # room for the window's frame and the desktop's panels


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or to what its screen has room for."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(min(width, room.width() - MARGIN_PX), min(height, room.height() - MARGIN_PX))


def grow_to_text(widget: QWidget) -> None:
    """Make `widget` taller, then wider, up to what its screen has room for, until its wrapped
    text fits: a longer language or a larger text size needs more than the size it was given."""
    layout = widget.layout()
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if layout is None or not layout.hasHeightForWidth() or screen is None:
        return
    room = screen.availableGeometry()
    widest, highest = room.width() - MARGIN_PX, room.height() - MARGIN_PX
    width = widget.width()
    while layout.totalHeightForWidth(width) > highest and width < widest:
        width = min(width + 40, widest)
    height = min(max(widget.height(), layout.totalHeightForWidth(width)), highest)
    widget.resize(width, height)
