"""The History tab: its table is made just after the window's first paint, or when first asked
for, whichever comes first. The window opens on Tonight, and the table was a tenth of the
window's making."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from rlstracker.domain.models import Night

if TYPE_CHECKING:
    from rlstracker.ui.history_panel import HistoryPanel


class HistoryTab(QWidget):
    edit_requested = Signal(object)  # Night
    delete_requested = Signal(object)  # Night

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel: HistoryPanel | None = None
        self._nights: list[Night] = []
        self._read_only = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def panel(self) -> HistoryPanel:
        """The table and its controls, made on first use with what the tab was given."""
        if self._panel is None:
            from rlstracker.ui.history_panel import HistoryPanel

            panel = HistoryPanel()
            panel.set_read_only(self._read_only)
            panel.set_nights(self._nights)
            panel.edit_requested.connect(self.edit_requested)
            panel.delete_requested.connect(self.delete_requested)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(panel)
            self._panel = panel
        return self._panel

    def make_soon(self) -> None:
        """Make the panel at the next turn of the event loop (the window has just painted)."""
        QTimer.singleShot(0, self, self.panel)

    def set_nights(self, nights: list[Night]) -> None:
        self._nights = nights
        if self._panel is not None:
            self._panel.set_nights(nights)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self._panel is not None:
            self._panel.set_read_only(read_only)

    def select(self, day: date) -> bool:
        return self.panel().select(day)
