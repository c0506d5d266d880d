"""The Charts tab: a placeholder until the charts are loaded, just after the window's first
paint (matplotlib takes about half a second to import; the window never waits for it)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from rlstracker.domain import analysis
from rlstracker.domain.forms import Product
from rlstracker.domain.language import _
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.trial import TrialView

if TYPE_CHECKING:
    from rlstracker.ui.charts_panel import ChartsPanel


class ChartsTab(QStackedWidget):
    loaded = Signal(object)  # the ChartsPanel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel: ChartsPanel | None = None
        self._data: tuple[list[Night], date, Plan, Product | None] | None = None
        self._trial: TrialView | None = None
        self._closed = False
        self.addWidget(QLabel(_("The charts are loading…")))

    def load_soon(self) -> None:
        """Load at the next turn of the event loop (the window has just painted)."""
        if self.panel is None:
            QTimer.singleShot(0, self.load)

    def stop(self) -> None:
        """The window is closing: don't load now."""
        self._closed = True

    def load(self) -> None:
        if self.panel is not None or self._closed:
            return
        from rlstracker.ui.charts_panel import ChartsPanel

        self.panel = ChartsPanel()
        self.addWidget(self.panel)
        self.setCurrentWidget(self.panel)
        self._give_nights()
        self.loaded.emit(self.panel)

    def set_nights(
        self,
        nights: list[Night],
        today: date,
        plan: Plan,
        product: Product | None,
        trial: TrialView | None = None,
    ) -> None:
        """The nights to chart; the guide's limits over them are worked out only once the
        charts are loaded (over ten years they cost as much as the guide itself)."""
        self._data = (nights, today, plan, product)
        self._trial = trial
        self._give_nights()

    def _give_nights(self) -> None:
        if self.panel is None or self._data is None:
            return
        nights, today, plan, product = self._data
        limits = analysis.guide_limits(nights, plan, product)
        self.panel.set_nights(nights, today, limits, self._trial)

    def redraw(self) -> None:
        if self.panel is not None:
            self.panel.redraw()
