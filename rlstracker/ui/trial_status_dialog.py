"""The trial: where it stands, the schedule as it happened, the result and a chart of the
period means; stop it, or print the helper's sheet. Reveals nothing while the order is sealed."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import _
from rlstracker.domain.trial import TrialView
from rlstracker.domain.trial.result import result_lines
from rlstracker.domain.trial.words import (
    LIMITS,
    design_lines,
    period_cells,
    schedule_headers,
    state_line,
)
from rlstracker.ui.fields import scrolled
from rlstracker.ui.sizing import fit_to_screen
from rlstracker.ui.theme import is_dark

if TYPE_CHECKING:
    from rlstracker.ui.charts_panel import ChartCanvas  # matplotlib: loaded only for a chart


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


def _heading(text: str) -> str:
    return f"<p><b>{html.escape(text, quote=False)}</b></p>"


class TrialStatusDialog(QDialog):
    """`stop_requested`, `print_sheet_requested` and `save_sheet_requested` are handled by the
    trial workflow; the dialog only shows."""

    stop_requested = Signal()
    print_sheet_requested = Signal()
    save_sheet_requested = Signal()

    def __init__(
        self, view: TrialView, units_text: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Your trial"))
        fit_to_screen(self, 900, 760)
        self.view = view
        body = QWidget()
        layout = QVBoxLayout(body)
        self.state = QLabel(f"<b>{html.escape(state_line(view))}</b>")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        headers = schedule_headers()
        self.table = QTableWidget(len(view.periods), len(headers))
        # A header of two words on two lines ("Mittlere\nBeschwerden"): one line made the
        # column of short numbers as wide as its name, and left the words beside it no room.
        self.table.setHorizontalHeaderLabels([h.replace(" ", "\n", 1) for h in headers])
        self.table.setAccessibleName(_("The trial's periods"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for row, period in enumerate(view.periods):
            for column, text in enumerate(period_cells(view, period)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for wrapping in (1, 2, 3):  # its dates, what it was, and its nights: these wrap
            header.setSectionResizeMode(wrapping, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Two lines a row, every row in sight: the dialog scrolls, not the table.
        line = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(len(view.periods) * (2 * line + 10) + 2 * line + 8)
        layout.addWidget(self.table)
        if view.result is not None:
            result = result_lines(view.result)
        elif view.sealed:
            result = [
                _(
                    "Blind: which periods held magnesium stays sealed until the trial ends, and "
                    "so does the result."
                )
            ]
        elif view.state == "running":
            result = [_("The result comes when the last period ends.")]
        else:
            result = []
        self.result_label = QLabel(_paragraphs(result))
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(_("The result"))
        layout.addWidget(self.result_label)
        self.chart_holder = QVBoxLayout()
        layout.addLayout(self.chart_holder)
        self.canvas: ChartCanvas | None = None
        if any(p.severities for p in view.periods) and not view.sealed:
            self._add_chart()  # sealed: no period means to guess the order from
        about = QLabel(
            _heading(_("The design, fixed before it began"))
            + _paragraphs(design_lines(view.trial, units_text))
            + _heading(_("What a trial like this can't show"))
            + _paragraphs(list(LIMITS))
        )
        about.setWordWrap(True)
        layout.addWidget(about)

        self.print_sheet = QPushButton(_("&Print the helper's sheet…"))
        self.save_sheet = QPushButton(_("Save the helper's sheet as P&DF…"))
        self.stop = QPushButton(_("&Stop the trial…"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        running = view.state == "running"
        # The helper's sheet's buttons one above the other, apart from Stop and Close: four
        # buttons in one row were wider than a 1024 screen at the largest text, and the two
        # German ones side by side still were (983 px).
        sheet_row = QVBoxLayout()
        for button, shown in (
            (self.print_sheet, running and view.trial.design.blind),
            (self.save_sheet, running and view.trial.design.blind),
        ):
            if shown:
                sheet_row.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                button.hide()
        if running:
            self.buttons.addButton(self.stop, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.stop.hide()
        outer = QVBoxLayout(self)
        outer.addWidget(scrolled(body), 1)
        outer.addLayout(sheet_row)
        outer.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.print_sheet.clicked.connect(self.print_sheet_requested)
        self.save_sheet.clicked.connect(self.save_sheet_requested)
        self.stop.clicked.connect(self.stop_requested)

    def _add_chart(self) -> None:
        from matplotlib.figure import Figure

        from rlstracker import charts
        from rlstracker.ui.charts_panel import ChartCanvas

        app = QApplication.instance()
        dark = isinstance(app, QApplication) and is_dark(app)
        base = charts.DARK if dark else charts.LIGHT
        style = charts.ChartStyle(
            **{**base.__dict__, "font_size": max(9.0, self.font().pointSizeF() * 0.95)}
        )
        canvas = ChartCanvas()
        canvas.setMinimumHeight(300)
        canvas.setAccessibleName(_("Chart of symptoms in each period of the trial"))
        assert isinstance(canvas.figure, Figure)
        charts.draw_period_means(canvas.figure, self.view, style)
        self.chart_holder.addWidget(canvas)
        self.canvas = canvas
