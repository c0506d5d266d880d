"""The charts in the window: severity over time and by dose, a date range, a hover read-out.

Imports matplotlib, so the main window loads this module only after it has appeared.
"""

from __future__ import annotations

import bisect
import statistics
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rlstracker import charts
from rlstracker.domain import language
from rlstracker.domain.analysis import SETTLING_NIGHTS, DoseColumn, GuideLimits
from rlstracker.domain.language import N_, _, ngettext
from rlstracker.domain.models import SIDE_EFFECTS, Night, effect_at_grade
from rlstracker.domain.trial import TrialView
from rlstracker.domain.wording import mg
from rlstracker.ui.theme import is_dark

RANGES = ((N_("Last 4 weeks"), 28), (N_("Last 3 months"), 91), (N_("Everything"), None))


def locale_day(day: date) -> str:
    """Day and short month as the language writes them (26 Nov, 26. Nov., 26 nov.), as the
    report and the reasons do."""
    return language.day_month(day, short=True)


def night_summary(night: Night) -> str:
    parts = [language.day_month_year(night.date, short=True)]
    parts.append(
        _("symptoms not recorded")
        if night.symptom_severity is None
        else _("symptoms {severity}/10").format(severity=night.symptom_severity)
    )
    if night.dose_mg is not None:
        parts.append(mg(night.dose_mg) if night.dose_mg else _("no magnesium"))
    # "mild nausea", as the guide's reasons say it, in each language's own word order and case.
    effects = [effect_at_grade(e, night.grade(e) or 0) for e in SIDE_EFFECTS if night.grade(e)]
    if effects:
        parts.append(", ".join(effects))
    if night.red_flags:
        parts.append(_("warning signs recorded"))
    if night.notes:
        note = night.notes.replace("\n", " ")
        parts.append(f"“{note[:60]}{'…' if len(note) > 60 else ''}”")
    return " · ".join(parts)


class ChartCanvas(FigureCanvasQTAgg):
    resized = Signal()

    def __init__(self) -> None:
        super().__init__(Figure(figsize=(9, 4.5), dpi=100, layout=None))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Low enough that the window fits 1024×600 with the largest text and a window frame;
        # the charts fit their words to whatever height they get.
        self.setMinimumHeight(200)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()


READOUT_HINTS = language.TranslatedTuple(
    (N_("Point at a night to read it."), N_("Point at a column to read it."))
)


class ChartsPanel(QWidget):
    """Draws only the chart that is visible, and only when its data or view changed."""

    drawn = Signal()  # a chart finished drawing (tests and benchmarks wait for it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nights: list[Night] = []
        self._shown: list[Night] = []
        self._today: date | None = None
        self._limits: GuideLimits | None = None
        self._trial: TrialView | None = None
        self._stale = {0: True, 1: True}
        self._built_at: dict[int, tuple[int, int]] = {}  # the canvas's size when last built
        self._columns: list[DoseColumn] = []

        self.over_time = QPushButton(_("&Over time"))
        self.by_dose = QPushButton(_("By &dose"))
        self.views = QButtonGroup(self)
        for index, button in enumerate((self.over_time, self.by_dose)):
            button.setCheckable(True)
            self.views.addButton(button, index)
        self.over_time.setChecked(True)
        self.range = QComboBox()
        self.range.setAccessibleName(_("Dates shown"))
        for label, nights in RANGES:
            self.range.addItem(_(label), nights)
        self.range.setCurrentIndex(1)
        self.readout = QLabel(READOUT_HINTS[0])
        self.readout.setWordWrap(True)
        # Room for two lines from the start: a reading that wraps must not move the chart.
        self.readout.setMinimumHeight(self.readout.fontMetrics().lineSpacing() * 2 + 4)
        self.readout.setAccessibleName(_("Night under the pointer"))

        self.timeline = ChartCanvas()
        self.dose_chart = ChartCanvas()
        self.timeline.setAccessibleName(_("Chart of symptoms and dose over time"))
        self.dose_chart.setAccessibleName(_("Chart of symptoms at each dose"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.timeline)
        self.stack.addWidget(self.dose_chart)

        top = QHBoxLayout()
        top.addWidget(self.over_time)
        top.addWidget(self.by_dose)
        top.addStretch(1)
        range_label = QLabel(_("&Show:"))
        range_label.setBuddy(self.range)
        top.addWidget(range_label)
        top.addWidget(self.range)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)

        self.views.idClicked.connect(self._on_views_id_clicked)
        self.range.currentIndexChanged.connect(self._on_range_current_index_changed)
        self.timeline.mpl_connect("motion_notify_event", self._on_timeline_motion)
        self.timeline.mpl_connect("draw_event", lambda _: self.drawn.emit())
        self.dose_chart.mpl_connect("draw_event", lambda _: self.drawn.emit())
        self.dose_chart.mpl_connect("motion_notify_event", self._on_dose_chart_motion)
        # A chart fits its words to its size (wrapped captions, legend columns, ticks): drawn
        # again once a resize has settled, not at every step of it.
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._on_resize_settled)
        self.timeline.resized.connect(self._on_canvas_resized)
        self.dose_chart.resized.connect(self._on_canvas_resized)

    def set_nights(
        self,
        nights: list[Night],
        today: date,
        limits: GuideLimits,
        trial: TrialView | None = None,
    ) -> None:
        self._nights = nights
        self._today = today
        self._limits = limits
        self._trial = trial
        self.redraw()

    def redraw(self) -> None:
        """Mark both charts out of date and draw the visible one."""
        self._stale = {0: True, 1: True}
        self._draw_visible()

    def _style(self) -> charts.ChartStyle:
        app = QApplication.instance()
        dark = isinstance(app, QApplication) and is_dark(app)
        base = charts.DARK if dark else charts.LIGHT
        size = max(9.0, self.font().pointSizeF() * 0.95)
        return charts.ChartStyle(**{**base.__dict__, "font_size": size})

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw_visible()  # what changed while the panel was hidden

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A new text size or colours: Qt tells each widget by an event, after the settings
        # have been applied, so the chart in view follows here rather than when next drawn.
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.ApplicationFontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self.redraw()

    def _on_canvas_resized(self) -> None:
        if self.isVisible():
            self._resize_timer.start()

    def _on_resize_settled(self) -> None:
        """Build again the charts whose canvas changed size since they were built; the first
        showing resizes the canvas before its first build, which then needs no second."""
        for index, canvas in enumerate((self.timeline, self.dose_chart)):
            if self._built_at.get(index) != (canvas.width(), canvas.height()):
                self._stale[index] = True
        self._draw_visible()

    def _draw_visible(self) -> None:
        index = self.stack.currentIndex()
        if not self._stale[index] or not self.isVisible():
            # Hidden (another tab is shown): drawn when shown. A window that refreshes after
            # every save would otherwise build a chart nobody sees each time (0.15 s).
            return
        style = self._style()
        if index == 0:
            days = self.range.currentData()
            first = self._today - timedelta(days=days) if days and self._today else None
            charts.draw_timeline(
                self.timeline.figure,
                self._nights,
                first=first,
                last=self._today,
                style=style,
                date_label=locale_day,
                trial=self._trial,
            )
            self._shown = [n for n in self._nights if first is None or n.date >= first]
            self.timeline.draw_idle()
        else:
            self._columns = charts.draw_dose_response(
                self.dose_chart.figure, self._nights, style=style, limits=self._limits
            )
            self.dose_chart.draw_idle()
        self._stale[index] = False
        canvas = (self.timeline, self.dose_chart)[index]
        self._built_at[index] = (canvas.width(), canvas.height())

    def _on_views_id_clicked(self, index: int) -> None:
        self.readout.setText(READOUT_HINTS[index])  # one chart's reading means nothing on the other
        self.stack.setCurrentIndex(index)
        self.range.setEnabled(index == 0)
        self._draw_visible()

    def _on_range_current_index_changed(self, _: int) -> None:
        self._stale[0] = True
        self._draw_visible()

    def _on_timeline_motion(self, event) -> None:
        if event.inaxes is None or event.xdata is None or not self._shown:
            return
        # A night's dot sits at the start of its day: the nearest day, not the one the pointer
        # is in (a hair left of the dot is still that night).
        day = mdates.num2date(round(event.xdata)).date()
        dates = [n.date for n in self._shown]
        index = bisect.bisect_left(dates, day)
        nearby = [i for i in (index - 1, index) if 0 <= i < len(dates)]
        best = min(nearby, key=lambda i: abs((dates[i] - day).days))
        if abs((dates[best] - day).days) <= 1:
            self.readout.setText(night_summary(self._shown[best]))

    def _on_dose_chart_motion(self, event) -> None:
        if event.inaxes is None or event.xdata is None or not self._columns:
            return
        index = round(event.xdata) - 1
        if 0 <= index < len(self._columns):
            column = self._columns[index]
            if column.dose_mg is None:
                label = _("Before\n(baseline)").replace("\n", " ")
            else:
                label = mg(column.dose_mg)
            if column.severities:
                median = statistics.median(column.severities)
                self.readout.setText(
                    ngettext(
                        "{label}: median symptoms {median}/10 over {count} night (the first "
                        "{settling} nights after each change left out).",
                        "{label}: median symptoms {median}/10 over {count} nights (the first "
                        "{settling} nights after each change left out).",
                        len(column.severities),
                    ).format(
                        label=label,
                        median=language.number(median),
                        count=len(column.severities),
                        settling=SETTLING_NIGHTS,
                    )
                )
            else:
                self.readout.setText(_("{label}: too few nights to judge.").format(label=label))
