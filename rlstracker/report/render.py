"""Putting the report on paper: one path for the PDF file, the print preview and the printer.

Laid out with QTextDocument for text and tables; the charts are the window's chart functions,
saved as SVG and painted as vectors, so they stay sharp at any printer resolution.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

import matplotlib
from matplotlib.figure import Figure
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from rlstracker import charts
from rlstracker.domain.analysis import SETTLING_NIGHTS
from rlstracker.locations import resource
from rlstracker.report.content import (
    DISCLAIMER,
    ReportContent,
    StepRow,
    day_text,
    effect_cells,
    sign_text,
)
from rlstracker.report.trial_section import TrialSection

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# What the report is laid out on: a PDF file, or the printer chosen in the print preview.
PageDevice: TypeAlias = "QPdfWriter | QPrinter"

# Letter is the paper size in these territories; A4 nearly everywhere else.
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.Guatemala,
    QLocale.Country.CostaRica,
    QLocale.Country.PuertoRico,
}
PAPER = charts.ChartStyle(**{**charts.LIGHT.__dict__, "font_size": 10.0})
MARGIN_MM = 16
PAGE_TEXT = "#000000"
BODY_POINTS = 10
GAP_POINTS = 6


def page_size_for(locale: QLocale) -> QPageSize:
    letter = locale.territory() in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


@dataclass
class _Block:
    """Something to put on the page: measured against the width, then drawn."""

    measure: Callable[[float], float]
    draw: Callable[[QPainter, QRectF], None]
    keep_with_next: bool = False


def _text_block(device: PageDevice, body: str) -> _Block:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long unbroken notes
    document.setDefaultTextOption(option)
    document.setDefaultStyleSheet(
        "h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 4pt; } "
        "td, th { padding: 2pt 4pt; } th { background-color: #e8edf3; text-align: left; } "
        ".muted { color: #555555; } .alert { color: #a00018; }"
    )
    document.setHtml(body)

    def measure(width: float) -> float:
        document.setTextWidth(width)
        return document.size().height()

    def draw(painter: QPainter, rect: QRectF) -> None:
        document.setTextWidth(rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        # drawContents() takes the text colour from the application's palette: white on
        # white when the window is dark. Paper is white: the page's own dark text.
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(context.palette)
        palette.setColor(QPalette.ColorRole.Text, QColor(PAGE_TEXT))
        context.palette = palette
        context.clip = QRectF(0, 0, rect.width(), rect.height())
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    return _Block(measure, draw, keep_with_next=body.startswith("<h2>") and body.endswith("</h2>"))


def _chart_block(paint: Callable[[Figure], object], aspect: float) -> _Block:
    """A chart `aspect` times as tall as it is wide, drawn by the window's chart function."""

    def measure(width: float) -> float:
        return width * aspect

    def draw(painter: QPainter, rect: QRectF) -> None:
        dpi = painter.device().logicalDpiX() or 300
        # Drawn a little larger than the paper and scaled down: tick labels end up about 8 pt.
        scale = 1.25
        figure = Figure(figsize=(rect.width() / dpi * scale, rect.height() / dpi * scale))
        paint(figure)
        buffer = io.BytesIO()
        # Text as text (not outlines): sharp, searchable, and smaller.
        with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
            figure.savefig(buffer, format="svg")
        renderer = QSvgRenderer(QByteArray(buffer.getvalue()))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, rect)

    return _Block(measure, draw)


ROWS_PER_BLOCK = 16  # a table longer than this continues in the next block, header repeated


def _tables(headers: list[str], rows: list[list[str]]) -> list[str]:
    """The rows as tables of at most ROWS_PER_BLOCK rows, so that each fits on a page."""
    return [
        _table(headers, rows[start : start + ROWS_PER_BLOCK])
        for start in range(0, len(rows), ROWS_PER_BLOCK)
    ]


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' "
        f"style='border-color:#9aa4b2'><tr>{head}</tr>{body}</table>"
    )


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def _blocks(device: PageDevice, content: ReportContent) -> list[_Block]:
    blocks: list[_Block] = []

    def text(body: str) -> None:
        blocks.append(_text_block(device, body))

    def tables(heading: str, headers: list[str], rows: list[list[str]]) -> None:
        text(f"<h2>{heading}</h2>")
        for table in _tables(headers, rows):
            text(table)

    period = (
        f"{day_text(content.first)} to {day_text(content.last)}"
        if content.first and content.last
        else "no nights recorded"
    )
    who = f"<p><b>Patient:</b> {html.escape(content.name)}</p>" if content.name else ""
    icon = resource("icons/png/64.png").as_uri()
    text(
        f"<h1><img src='{icon}' width='30' height='30'> "
        "Magnesium for restless legs: diary report</h1>"
        f"{who}<p><b>Nights:</b> {period} &nbsp;·&nbsp; <b>Made:</b> "
        f"{day_text(content.made_on)} with RLS Tracker</p>"
        f"<p class='muted'>{html.escape(DISCLAIMER)}</p>"
    )
    text("<h2>Product and plan</h2>" + _paragraphs(content.product_lines + content.plan_lines))
    text("<h2>Summary</h2>" + _paragraphs(content.summary_lines))
    if content.warnings:
        text("<h2>To note</h2>" + _paragraphs(content.warnings))
    if content.steps:
        tables(
            "Dose steps",
            [
                "Dates",
                "Magnesium",
                "Nights",
                "Doses taken",
                "Median symptoms*",
                "Side-effect nights mild / moderate / severe",
                "Guide's suggestion after",
            ],
            [_step_cells(step) for step in content.steps],
        )
        text(
            f"<p class='muted'>* 0–10, the first {SETTLING_NIGHTS} nights after each change "
            "left out.</p>"
        )
    if content.nights:
        text("<h2>Symptoms and dose over time</h2>")
        blocks.append(
            _chart_block(
                lambda figure: charts.draw_timeline(
                    figure,
                    content.nights,
                    first=content.first,
                    last=content.last,
                    style=PAPER,
                    trial=content.trial.view if content.trial is not None else None,
                ),
                0.42,
            )
        )
        text("<h2>Symptoms at each dose</h2>")
        blocks.append(
            _chart_block(
                lambda figure: charts.draw_dose_response(
                    figure,
                    content.nights,
                    style=PAPER,
                    limits=content.limits,
                    baseline=content.baseline,
                ),
                0.42,
            )
        )
    if content.trial is not None:
        blocks += _trial_blocks(device, content.trial)
    if content.nights:
        tables(
            "Side effects watched",
            ["Side effect", "Nights recorded", "None", "Mild", "Moderate", "Severe"],
            [effect_cells(row) for row in content.effect_rows],
        )
        tables(
            "Warning signs asked about",
            ["Warning sign", "Recorded"],
            [[row.name, sign_text(row, len(content.nights))] for row in content.sign_rows],
        )
    if content.events:
        tables(
            "Moderate and severe side effects, warning signs",
            ["Night of", "What"],
            [[day_text(e.date), e.text] for e in content.events],
        )
    elif content.nights:
        text(
            "<p>No moderate or severe side effects and no warning signs were recorded in these "
            "dates.</p>"
        )
    text("<h2>Iron</h2>")
    if content.iron:
        iron_tables = _tables(
            ["Test date", "Ferritin (ng/mL)", "Transferrin saturation (%)"],
            [
                [
                    day_text(r.date),
                    "–" if r.ferritin_ng_per_ml is None else f"{r.ferritin_ng_per_ml:g}",
                    "–" if r.saturation_percent is None else f"{r.saturation_percent:g}",
                ]
                for r in content.iron
            ],
        )
        for table in iron_tables:
            text(table)
    if content.iron_advice is not None:
        text(_paragraphs([content.iron_advice.text]))
    elif content.iron:
        text(_paragraphs(["The latest ferritin and transferrin saturation are not low."]))
    text("<h2>Safety answers</h2>" + _paragraphs(content.safety_lines))
    if content.notes:
        tables("Notes", ["Night of", "Note"], [[day_text(n.date), n.text] for n in content.notes])
    return blocks


def date_span(first: date, last: date) -> str:
    """'12 – 19 Aug 2026', '27 Aug – 4 Sep 2026', '28 Dec 2026 – 3 Jan 2027', '27 Aug 2026'."""
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)} – {day_text(last)}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {day_text(last)}"
    return f"{first.day} – {day_text(last)}"


def _step_cells(step: StepRow) -> list[str]:
    effects = step.side_effects
    if step.dose_mg is None:
        dose = "not recorded"
    elif step.dose_mg == 0:
        dose = "none (baseline or pause)"
    else:
        dose = f"{step.dose_mg:g} mg"
    return [
        date_span(step.first, step.last),
        dose,
        str(step.nights),
        "–" if step.adherence is None else f"{step.adherence:.0%}",
        "–" if step.median_severity is None else f"{step.median_severity:g}",
        f"{effects[1]} / {effects[2]} / {effects[3]}",
        step.action_after,
    ]


def _footer(painter: QPainter, rect: QRectF, page: int, pages: int) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
        "RLS Tracker · self-recorded diary · not medical advice",
    )
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        f"Page {page} of {pages}",
    )


def render_report(device: PageDevice, content: ReportContent) -> int:
    """Lay the report out on `device` (a QPdfWriter or a QPrinter); returns the page count."""
    layout = device.pageLayout()
    rect = QRectF(layout.paintRectPixels(device.resolution()))
    footer_height = device.resolution() * 0.3
    usable = rect.height() - footer_height
    gap = device.resolution() * GAP_POINTS / 72
    blocks = _blocks(device, content)

    pages: list[list[tuple[_Block, float, float]]] = [[]]
    y = 0.0
    heights = [block.measure(rect.width()) for block in blocks]
    for index, (block, height) in enumerate(zip(blocks, heights, strict=True)):
        needed = height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += gap + min(heights[index + 1], usable / 2)
        if y > 0 and y + needed > usable:
            pages.append([])
            y = 0.0
        pages[-1].append((block, y, min(height, usable)))
        y += height + gap

    painter = QPainter(device)
    try:
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            for block, top, height in placed:
                block.draw(painter, QRectF(0, top, rect.width(), height))
            _footer(painter, QRectF(0, 0, rect.width(), rect.height()), number, len(pages))
    finally:
        painter.end()
    return len(pages)


def report_pdf(content: ReportContent, page_size: QPageSize) -> tuple[bytes, int]:
    """The report as PDF bytes, and its page count."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle("Magnesium for restless legs: diary report")
    writer.setCreator("RLS Tracker")
    writer.setPageLayout(
        QPageLayout(
            page_size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    pages = render_report(writer, content)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data()), pages


def _trial_blocks(device: PageDevice, section: TrialSection) -> list[_Block]:
    """The personal trial: design, schedule as it happened, result, limits."""
    blocks = [
        _text_block(device, "<h2>Personal trial: does magnesium help?</h2>"),
        _text_block(
            device, f"<p><b>{html.escape(section.state)}</b></p>" + _paragraphs(section.design)
        ),
    ]
    blocks += [_text_block(device, table) for table in _tables(section.headers, section.rows)]
    if section.result:
        blocks.append(_text_block(device, _paragraphs(section.result)))
    if any(p.severities for p in section.view.periods) and not section.sealed:
        blocks.append(
            _chart_block(
                lambda figure: charts.draw_period_means(figure, section.view, style=PAPER), 0.36
            )
        )
    blocks.append(
        _text_block(
            device,
            "<p><b>What a trial like this can't show</b></p>"
            + "".join(f"<p class='muted'>{html.escape(line)}</p>" for line in section.limits),
        )
    )
    return blocks
