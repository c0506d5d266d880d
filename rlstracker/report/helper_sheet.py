"""The helper's sheet of a blind trial: the order, period by period, for the person who fills
the pill box. One page, on paper or as a PDF; the person's own screens never show it."""

from __future__ import annotations

import html
from datetime import timedelta

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPdfWriter, QTextDocument

from rlstracker.domain.forms import Product
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import N_, _
from rlstracker.domain.trial.design import Condition, Trial
from rlstracker.domain.trial.words import period_name, short_span
from rlstracker.domain.wording import full_day, mg

TITLE = N_("Helper sheet: a blind trial of magnesium")


def helper_sheet_html(trial: Trial, product: Product | None) -> str:
    design = trial.design
    ladder = Ladder.of(product)
    real = html.escape(ladder.describe(trial.dose_mg) or mg(trial.dose_mg))
    if product:
        # Translators: the real capsules, "200 mg (2 capsules) of Magnesium Citrate 100".
        real = _("{dose} of {product}").format(dose=real, product=html.escape(product.name))
    rows = []
    first = trial.first_night
    previous: Condition | None = None
    ends = list(trial.period_ends)
    for index, condition in enumerate(trial.conditions):
        last = (
            ends[index] if index < len(ends) else first + timedelta(days=design.period_nights - 1)
        )
        label = period_name(trial, index + 1)
        if condition is Condition.ON:
            fill = _("<b>REAL</b>: {real}, every evening").format(real=real)
        elif previous is Condition.OFF:
            fill = _(
                "<b>LOOK-ALIKE</b> every evening, <b>except the first evening ({day}): REAL</b>, "
                "{real}"
            ).format(day=full_day(first), real=real)
        else:
            fill = _("<b>LOOK-ALIKE</b> (no magnesium), every evening")
        rows.append(f"<tr><td>{label}</td><td>{short_span(first, last)}</td><td>{fill}</td></tr>")
        previous = condition
        first = last + timedelta(days=1)
    table = "".join(rows)
    paragraphs = [
        _(
            "<p><b>Please keep this sheet where the person taking part can't see it.</b> They "
            "are testing whether magnesium helps their restless legs, and it only works if "
            "they don't know which weeks are which until the end.</p>"
        ),
        _(
            "<p>Each evening they take the capsules from one slot of a pill box. Before each "
            "period begins, fill a slot for each evening of it, as below. <b>Real</b>: {real}. "
            "<b>Look-alike</b>: the same number of capsules that look the same and hold no "
            "magnesium (a pharmacist can help, for example with empty capsules of the same size "
            "and colour).</p>"
        ).format(real=real),
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr><th>"  # not user text
        + "</th><th>".join(
            html.escape(header, quote=False)
            for header in (_("Period"), _("Planned dates"), _("Fill each evening's slot with"))
        )
        + f"</th></tr>{table}</table>",
        _(
            "<p>If the app lengthens a period (it tells them “this period goes on one more "
            "night”), fill one more slot of the same kind; the later dates move on by as much. "
            "Go by the period's number, not the date.</p>"
        ),
        _(
            "<p>If they stop the trial, or the app pauses it for a side effect, they take "
            "nothing from the box that evening: the app tells them what to do instead.</p>"
        ),
        _(
            "<p style='color:#555555'>{pairs} pairs of {nights}-night periods, drawn at random "
            "on {day} (draw number {seed}). RLS Tracker.</p>"
        ).format(
            pairs=design.pairs,
            nights=design.period_nights,
            day=full_day(trial.set_up_on),
            seed=trial.seed,
        ),
    ]
    return "<h1>" + html.escape(_(TITLE)) + "</h1>" + "".join(paragraphs)


def paint_helper_sheet(device: QPagedPaintDevice, trial: Trial, product: Product | None) -> None:
    """Lay the sheet out on `device`: a QPdfWriter or the printer the person chose."""
    document = QTextDocument()
    font = QFont("DejaVu Sans")  # not user text: a font's name
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(  # not user text: a style sheet
        "h1 { font-size: 17pt; } th { background-color: #e8edf3; text-align: left; }"
    )
    document.setHtml(helper_sheet_html(trial, product))
    # Laid out on the page itself: left to QTextDocument.print_, it added 2 cm of its own
    # inside the page's margins, and the German sheet's last line went onto a second page.
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(device.width(), device.height()))
    document.print_(device)


def helper_sheet_pdf(trial: Trial, product: Product | None) -> bytes:
    from rlstracker.report.paper import ensure_gui_application

    ensure_gui_application()
    from PySide6.QtCore import QLocale

    from rlstracker.report.render import page_size_for

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle(_(TITLE))
    writer.setCreator("RLS Tracker")  # not user text: the program's name
    writer.setPageLayout(
        QPageLayout(
            page_size_for(QLocale.system()),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    paint_helper_sheet(writer, trial, product)
    del writer
    buffer.close()
    return bytes(data.data())
