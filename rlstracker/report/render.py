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
from rlstracker.domain import language
from rlstracker.domain.analysis import SETTLING_NIGHTS
from rlstracker.domain.language import _, ngettext, number, pgettext
from rlstracker.domain.wording import mg
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
BODY_POINTS = 10
GAP_POINTS = 6


def _paper_palette() -> QPalette:
    """Black ink on white paper, whatever colours the window is in: without it the report
    takes the application's text colour, pale grey on white when the window is dark."""
    palette = QPalette(QColor("white"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("black"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a4d8f"))
    return palette


def page_size_for(locale: QLocale) -> QPageSize:
    letter = locale.territory() in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


@dataclass
class _Block:
    """Something to put on the page: measured against the width, then drawn."""

    measure: Callable[[float], float]
    draw: Callable[[QPainter, QRectF], None]
    keep_with_next: bool = False
    # A table can be cut between rows: the rows that fit `room` at `width`, and the rest (its
    # header repeated), or None when not even the fewest rows fit.
    split: Callable[[float, float], tuple[_Block, _Block] | None] | None = None
    # The least of it worth starting on a page: the header and the first rows of a table.
    least: Callable[[float], float] | None = None


# A table whose words don't fit its width at the body's size is set a little smaller, before
# any word is broken: German headers came out as "Nebenwirkun / gen" and "Eingenomme / ne".
TABLE_POINTS = (BODY_POINTS, 9, 8)


def _text_block(
    device: PageDevice, body: str, sizes_pt: tuple[float, ...] = (BODY_POINTS,)
) -> _Block:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Sans")  # not user text: a font
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long unbroken notes
    document.setDefaultTextOption(option)
    # A table cell's padding in "px" (CSS pixels, 1/96 inch at any resolution; 4 px = 3 pt):
    # Qt's rich text ignores "pt", and neighbouring cells' words touched ("Week 126. April").
    document.setDefaultStyleSheet(  # not user text: a style sheet
        "h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 4pt; } "
        "td, th { padding: 1px 4px; } th { background-color: #e8edf3; text-align: left; } "
        ".muted { color: #555555; } .alert { color: #a00018; }"
    )
    document.setHtml(body)

    def fit(width: float) -> None:
        """Lines broken between words, at the first size where every word fits; else at the
        body's size, a word wider than its room (a long unbroken note) broken where needed."""
        option = document.defaultTextOption()
        for points in sizes_pt:
            font.setPointSizeF(points)
            document.setDefaultFont(font)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            document.setDefaultTextOption(option)
            document.setTextWidth(width)
            if document.idealWidth() <= width + 1:
                return
        font.setPointSizeF(BODY_POINTS)
        document.setDefaultFont(font)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setTextWidth(width)

    def measure(width: float) -> float:
        fit(width)
        return document.size().height()

    def draw(painter: QPainter, rect: QRectF) -> None:
        fit(rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = _paper_palette()
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
        with matplotlib.rc_context(
            {"svg.fonttype": "none", "font.family": "DejaVu Sans"}  # not user text: settings
        ):
            figure.savefig(buffer, format="svg")
        renderer = QSvgRenderer(QByteArray(buffer.getvalue()))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, rect)

    return _Block(measure, draw)


FEWEST_ROWS = 2  # a table is never cut so that a page holds only its header and one row


def _table_block(device: PageDevice, headers: list[str], rows: list[list[str]]) -> _Block:
    """A table that the pages cut between rows where it does not fit, header repeated."""
    block = _text_block(device, _table(headers, rows), TABLE_POINTS)

    def least(width: float) -> float:
        if len(rows) <= FEWEST_ROWS:
            return block.measure(width)
        return _text_block(device, _table(headers, rows[:FEWEST_ROWS]), TABLE_POINTS).measure(width)

    def split(width: float, room: float) -> tuple[_Block, _Block] | None:
        if len(rows) < 2 * FEWEST_ROWS:
            return None
        fits = 0  # the most rows, leaving at least FEWEST_ROWS for the rest, that fit `room`
        low, high = FEWEST_ROWS, len(rows) - FEWEST_ROWS
        while low <= high:
            middle = (low + high) // 2
            if (
                _text_block(device, _table(headers, rows[:middle]), TABLE_POINTS).measure(width)
                <= room
            ):
                fits, low = middle, middle + 1
            else:
                high = middle - 1
        if not fits:
            return None
        return (
            _table_block(device, headers, rows[:fits]),
            _table_block(device, headers, rows[fits:]),
        )

    block.split, block.least = split, least
    return block


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (  # not user text: markup
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
        blocks.append(_table_block(device, headers, rows))

    period = (
        _("{first} to {last}").format(first=day_text(content.first), last=day_text(content.last))
        if content.first and content.last
        else _("no nights recorded")
    )
    who = (
        "<p>" + _("<b>Patient:</b> {name}").format(name=html.escape(content.name)) + "</p>"
        if content.name
        else ""
    )
    icon = resource("icons/png/64.png").as_uri()
    text(  # not user text: markup around the title
        f"<h1><img src='{icon}' width='30' height='30'> "
        + html.escape(_("Magnesium for restless legs: diary report"))
        + "</h1>"
        + who
        + "<p>"
        + _("<b>Nights:</b> {period} &nbsp;·&nbsp; <b>Made:</b> {day} with RLS Tracker").format(
            period=period, day=day_text(content.made_on)
        )
        + "</p>"
        + f"<p class='muted'>{html.escape(_(DISCLAIMER))}</p>"
    )
    text(_heading(_("Product and plan")) + _paragraphs(content.product_lines + content.plan_lines))
    text(_heading(_("Summary")) + _paragraphs(content.summary_lines))
    if content.warnings:
        text(_heading(_("To note")) + _paragraphs(content.warnings))
    if content.steps:
        tables(
            _("Dose steps"),
            [
                _("Dates"),
                _("Magnesium"),
                _("Nights"),
                _("Doses taken"),
                _("Median symptoms*"),
                _("Side-effect nights mild / moderate / severe"),
                _("Guide's suggestion after"),
            ],
            [_step_cells(step) for step in content.steps],
        )
        text(
            "<p class='muted'>"
            + ngettext(
                "* 0–10, the first {count} night after each change left out.",
                "* 0–10, the first {count} nights after each change left out.",
                SETTLING_NIGHTS,
            ).format(count=SETTLING_NIGHTS)
            + "</p>"
        )
    if content.nights:
        text(_heading(_("Symptoms and dose over time")))
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
        text(_heading(_("Symptoms at each dose")))
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
            _("Side effects watched"),
            [
                _("Side effect"),
                _("Nights recorded"),
                pgettext("grade", "None"),
                pgettext("grade", "Mild"),
                pgettext("grade", "Moderate"),
                pgettext("grade", "Severe"),
            ],
            [effect_cells(row) for row in content.effect_rows],
        )
        tables(
            _("Warning signs asked about"),
            [_("Warning sign"), _("Recorded")],
            [[row.name, sign_text(row, len(content.nights))] for row in content.sign_rows],
        )
    if content.events:
        tables(
            _("Moderate and severe side effects, warning signs"),
            [_("Night of"), _("What")],
            [[day_text(e.date), e.text] for e in content.events],
        )
    elif content.nights:
        text(
            "<p>"
            + _(
                "No moderate or severe side effects and no warning signs were recorded in these "
                "dates."
            )
            + "</p>"
        )
    text(_heading(_("Iron")))
    if content.iron:
        iron_table = _table_block(
            device,
            [_("Test date"), _("Ferritin (ng/mL)"), _("Transferrin saturation (%)")],
            [
                [
                    day_text(r.date),
                    "–" if r.ferritin_ng_per_ml is None else number(r.ferritin_ng_per_ml),
                    "–" if r.saturation_percent is None else number(r.saturation_percent),
                ]
                for r in content.iron
            ],
        )
        blocks.append(iron_table)
    if content.iron_advice is not None:
        text(_paragraphs([content.iron_advice.text]))
    elif content.iron:
        text(_paragraphs([_("The latest ferritin and transferrin saturation are not low.")]))
    text(_heading(_("Safety answers")) + _paragraphs(content.safety_lines))
    if content.notes:
        tables(
            _("Notes"),
            [_("Night of"), _("Note")],
            [[day_text(n.date), n.text] for n in content.notes],
        )
    return blocks


def _heading(words: str) -> str:
    return f"<h2>{html.escape(words)}</h2>"


def date_span(first: date, last: date) -> str:
    """'12 – 19 Aug 2026', '27 Aug – 4 Sep 2026', '28 Dec 2026 – 3 Jan 2027', '27 Aug 2026'."""
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)} – {day_text(last)}"
    if first.month != last.month:
        return f"{language.day_month(first, short=True)} – {day_text(last)}"
    if language.current() != "en":
        return f"{language.day_month(first, short=True)} – {day_text(last)}"
    return f"{first.day} – {day_text(last)}"


def _step_cells(step: StepRow) -> list[str]:
    effects = step.side_effects
    if step.dose_mg is None:
        dose = _("not recorded")
    elif step.dose_mg == 0:
        dose = _("none (a trial period)") if step.in_trial else _("none (baseline or pause)")
    else:
        dose = mg(step.dose_mg)
    return [
        date_span(step.first, step.last),
        dose,
        str(step.nights),
        "–" if step.adherence is None else language.percent(step.adherence, 0),
        "–" if step.median_severity is None else number(step.median_severity),
        f"{effects[1]} / {effects[2]} / {effects[3]}",
        step.action_after,
    ]


def _footer(painter: QPainter, rect: QRectF, page: int, pages: int) -> None:
    font = QFont("DejaVu Sans")  # not user text: a font
    font.setPointSizeF(8)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
        _("RLS Tracker · self-recorded diary · not medical advice"),
    )
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        _("Page {page} of {pages}").format(page=page, pages=pages),
    )


Placed: TypeAlias = "list[list[tuple[_Block, float, float]]]"  # not user text: a type


def _paginate(blocks: list[_Block], width: float, usable: float, gap: float) -> Placed:
    """Each block on a page with its top and height. A table that does not fit the rest of a
    page is cut between rows there; a heading goes with the start of what follows it."""
    pages: Placed = [[]]
    y = 0.0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        height = block.measure(width)
        needed = height
        if block.keep_with_next and index + 1 < len(blocks):
            after = blocks[index + 1]
            start = after.least(width) if after.least else min(after.measure(width), usable / 2)
            needed += gap + min(start, usable / 2)
        if y + needed > usable and block.split is not None:
            parts = block.split(width, usable - y)
            if parts is not None:
                blocks[index : index + 1] = parts
                continue
        if y > 0 and y + needed > usable:
            pages.append([])
            y = 0.0
            continue  # measured again against a whole page (a table may still need cutting)
        pages[-1].append((block, y, min(height, usable)))
        y += height + gap
        index += 1
    return pages


def render_report(device: PageDevice, content: ReportContent) -> int:
    """Lay the report out on `device` (a QPdfWriter or a QPrinter); returns the page count."""
    layout = device.pageLayout()
    rect = QRectF(layout.paintRectPixels(device.resolution()))
    footer_height = device.resolution() * 0.3
    usable = rect.height() - footer_height
    gap = device.resolution() * GAP_POINTS / 72
    blocks = _blocks(device, content)

    pages = _paginate(blocks, rect.width(), usable, gap)

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
    writer.setTitle(_("Magnesium for restless legs: diary report"))
    writer.setCreator("RLS Tracker")  # not user text: the app's name
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
        _text_block(
            device, "<h2>" + html.escape(_("Personal trial: does magnesium help?")) + "</h2>"
        ),
        _text_block(
            device, f"<p><b>{html.escape(section.state)}</b></p>" + _paragraphs(section.design)
        ),
    ]
    if section.rows:  # none for a trial stopped before its first night
        blocks.append(_table_block(device, section.headers, section.rows))
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
            "<p><b>"
            + html.escape(_("What a trial like this can't show"))
            + "</b></p>"
            + "".join(f"<p class='muted'>{html.escape(line)}</p>" for line in section.limits),
        )
    )
    return blocks
