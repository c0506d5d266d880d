"""The doctor-visit report: its content, and the PDF a doctor would read."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPageSize, QPalette

from rlstracker.cli import main
from rlstracker.demo import demo_diary
from rlstracker.domain.iron import IronResult
from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import AgeGroup, Clearance, Kidney
from rlstracker.report.content import build_report
from rlstracker.report.render import page_size_for, report_pdf
from tests.domain.builders import BASELINE, SAFE, change, safe_answers, then

TODAY = date(2026, 11, 24)
DEMO = demo_diary(TODAY)


def demo_content(**options):
    return build_report(
        list(DEMO.nights),
        DEMO.plan,
        DEMO.answers,
        DEMO.product,
        list(DEMO.iron),
        TODAY,
        **options,
    )


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # NFKC undoes the typesetter's ligatures ("eﬀect" -> "effect").
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_content_of_the_demo_report():
    content = demo_content(name="Jane Example")
    assert content.first == DEMO.nights[0].date and content.last == DEMO.nights[-1].date
    assert [s.dose_mg for s in content.steps] == [0, 100, 150, 200, 250, 200]
    assert content.steps[4].action_after.startswith("Step back")
    assert content.steps[0].action_after.startswith("Start")
    assert any("Not tolerated: 250 mg" in line for line in content.summary_lines)
    assert any("Highest tolerated dose: 200 mg" in line for line in content.summary_lines)
    assert [e.text for e in content.events] == ["Moderate diarrhoea at 250 mg."]
    assert len(content.notes) == 12
    assert content.notes[-1].date == max(n.date for n in DEMO.nights if n.notes)


def test_the_summary_compares_with_the_baseline_without_promising():
    content = demo_content()
    (line,) = [x for x in content.summary_lines if "baseline nights" in x]
    assert "points lower" in line and "Self-rated" in line


def test_chosen_notes_replace_the_latest():
    chosen = [n.date for n in DEMO.nights if n.notes][:2]
    assert [n.date for n in demo_content(chosen_notes=chosen).notes] == chosen


def test_events_list_moderate_effects_and_warning_signs():
    history = change(then(BASELINE, 100, 100), -1, nausea=2, red_flags={RedFlag.CONFUSION})
    content = build_report(history, Plan(), SAFE, None, [], TODAY)
    assert [e.text for e in content.events] == [
        "Moderate nausea at 100 mg.",
        "Warning signs recorded: confusion at 100 mg.",
    ]


def test_the_side_effects_section_reads_the_negatives_too():
    history = change(then(BASELINE, 100, 100, 100), -1, nausea=2)
    history = change(history, -2, drowsiness=None)
    content = build_report(history, Plan(), SAFE, None, [], TODAY)
    rows = {row.name: row for row in content.effect_rows}
    assert list(rows) == ["Diarrhoea", "Nausea", "Stomach cramps", "Drowsiness"]
    assert (rows["Diarrhoea"].recorded, rows["Diarrhoea"].by_grade) == (10, (10, 0, 0, 0))
    assert rows["Nausea"].by_grade == (9, 0, 1, 0)
    assert rows["Drowsiness"].recorded == 9
    signs = {row.name: row.dates for row in content.sign_rows}
    assert len(signs) == 5 and not any(signs.values())


def test_safety_lines_say_what_matters_to_a_clinician():
    answers = safe_answers(kidney=Kidney.SEVERE, age_group=AgeGroup.OLDER)
    clearance = Clearance(date(2026, 2, 1), date(2026, 2, 2), "Dr Ames: fine at 100 mg")
    content = build_report([], Plan(), answers, None, [], TODAY, clearances=[clearance])
    text = " ".join(content.safety_lines)
    assert "severe kidney disease" in text and "65 or over" in text
    assert "Needs a clinician's word first" in text
    assert "1 Feb 2026" in text and "Dr Ames" in text
    assert "last confirmed on 1 Jan 2026" in text


def test_the_report_carries_the_guides_warnings_and_the_iron_advice():
    low = IronResult(TODAY - timedelta(days=5), ferritin_ng_per_ml=40, saturation_percent=18)
    content = build_report(list(DEMO.nights), DEMO.plan, None, None, [low], TODAY)
    assert any("not answered" in line for line in content.warnings)
    assert content.iron_advice is not None and content.iron_advice.low


def test_a_report_made_after_tonights_dose_says_nothing_of_tonight():
    last = DEMO.nights[-1]
    taken = Night(date=TODAY, dose_mg=last.dose_mg or 100)
    content = build_report([*DEMO.nights, taken], DEMO.plan, DEMO.answers, DEMO.product, [], TODAY)
    assert not any("tonight" in line for line in content.warnings), content.warnings


@pytest.fixture
def demo_pdf(qapp) -> tuple[int, str]:
    data, pages = report_pdf(demo_content(name="Jane Example"), QPageSize(QPageSize.PageSizeId.A4))
    assert data.startswith(b"%PDF")
    count, text = pdf_text(data)
    assert count == pages
    return count, text


def test_the_demo_pdf_has_every_section_in_one_to_three_pages(demo_pdf):
    pages, text = demo_pdf
    assert 1 <= pages <= 3
    for heading in (
        "Magnesium for restless legs: diary report",
        "Product and plan",
        "Summary",
        "Dose steps",
        "Symptoms and dose over time",
        "Symptoms at each dose",
        "Side effects watched",
        "Warning signs asked about",
        "Moderate and severe side effects, warning signs",
        "Iron",
        "Transferrin saturation",
        "Safety answers",
        "Notes",
    ):
        assert heading in text, heading
    assert "Patient: Jane Example" in text
    assert "Magnesium bisglycinate capsules" in text and "50 mg of elemental magnesium" in text
    assert "Moderate diarrhoea at 250 mg" in text
    assert "48" in text and "81" in text  # ferritin
    assert "none in 109 nights" in text  # the warning signs asked about
    assert "not medical advice" in text
    assert f"Page 1 of {pages}" in text


def test_the_pdf_charts_are_vector_with_real_text(demo_pdf):
    _, text = demo_pdf
    # Axis labels and captions from the chart functions, kept as text in the PDF.
    assert "Magnesium (mg elemental)" in text
    assert "7-night average" in text
    assert "highest tolerated" in text


def page_contents(data: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_paper_is_black_on_white_whatever_the_windows_colours(qapp):
    """A dark window once gave pale grey text on white paper: the report must not change."""
    content = demo_content(name="Jane Example")
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    light, _ = report_pdf(content, a4)
    before = qapp.palette()
    dark = QPalette(QColor("#202020"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        dark.setColor(role, QColor("#e0e0e0"))
    qapp.setPalette(dark)
    try:
        in_dark, _ = report_pdf(content, a4)
    finally:
        qapp.setPalette(before)
    assert page_contents(in_dark) == page_contents(light)


def test_an_empty_diary_gives_a_short_sensible_report(qapp):
    content = build_report([], Plan(), None, None, [], TODAY)
    data, pages = report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))
    _, text = pdf_text(data)
    assert pages == 1
    assert "No nights were recorded" in text
    assert "The safety questions were not answered" in text
    assert "Ask your clinician for both" in text  # iron, with no result


def test_a_one_week_diary_gives_a_short_report(qapp):
    week = then([], *[0] * 7, severity=6)
    content = build_report(
        week,
        Plan(),
        SAFE,
        None,
        [IronResult(TODAY - timedelta(days=3), ferritin_ng_per_ml=40)],
        TODAY,
    )
    data, pages = report_pdf(content, QPageSize(QPageSize.PageSizeId.Letter))
    _, text = pdf_text(data)
    assert pages <= 2
    assert "7 nights recorded" in text
    assert "Symptoms at each dose" in text and "Before" in text
    reader = PdfReader(io.BytesIO(data))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (612, 792)  # Letter, in points


def test_a_long_diary_and_a_huge_note_stay_inside_the_pages(qapp):
    nights = [
        Night(
            date=TODAY - timedelta(days=i),
            dose_mg=[0, 100, 150][i % 3],
            symptom_severity=i % 10,
            notes="Z" * 20_000 if i == 5 else f"note {i}",
        )
        for i in range(1, 400)
    ]
    content = build_report(nights, Plan(), SAFE, None, [], TODAY)
    data, pages = report_pdf(content, QPageSize(QPageSize.PageSizeId.A4))
    _, text = pdf_text(data)
    assert f"Page {pages} of {pages}" in text
    assert 550 < text.count("Z") <= 600  # shortened, wrapped, and all of it on the page


def test_paper_size_follows_the_locale():
    assert page_size_for(QLocale("en_US")).id() == QPageSize.PageSizeId.Letter
    assert page_size_for(QLocale("en_GB")).id() == QPageSize.PageSizeId.A4
    assert page_size_for(QLocale("de_DE")).id() == QPageSize.PageSizeId.A4


def test_report_command_writes_the_same_report(tmp_path: Path, capsys):
    data_dir = tmp_path / "diary"
    assert main(["demo", "--data-dir", str(data_dir)], today=TODAY) == 0
    target = tmp_path / "report.pdf"
    assert (
        main(
            [
                "report",
                "--data-dir",
                str(data_dir),
                "-o",
                str(target),
                "--from",
                "2026-09-01",
                "--to",
                "2026-11-23",
            ],
            today=TODAY,
        )
        == 0
    )
    assert "page report" in capsys.readouterr().out
    _, text = pdf_text(target.read_bytes())
    assert "1 Sep 2026 to 23 Nov 2026" in text
    assert "Dose steps" in text


def test_report_command_refuses_bad_dates_and_folders(tmp_path: Path, capsys):
    data_dir = tmp_path / "diary"
    assert (
        main(
            [
                "report",
                "--data-dir",
                str(data_dir),
                "-o",
                str(tmp_path / "r.pdf"),
                "--from",
                "2026-11-01",
                "--to",
                "2026-10-01",
            ],
            today=TODAY,
        )
        == 2
    )
    assert "after --to" in capsys.readouterr().err
    assert (
        main(
            ["report", "--data-dir", str(data_dir), "-o", str(tmp_path / "missing" / "r.pdf")],
            today=TODAY,
        )
        == 2
    )
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_date_spans_are_compact():
    from rlstracker.report.render import date_span

    assert date_span(date(2026, 8, 12), date(2026, 8, 19)) == "12 – 19 Aug 2026"
    assert date_span(date(2026, 8, 27), date(2026, 9, 4)) == "27 Aug – 4 Sep 2026"
    assert date_span(date(2026, 12, 28), date(2027, 1, 3)) == "28 Dec 2026 – 3 Jan 2027"


class StandardOutput(io.TextIOWrapper):
    """Standard output that keeps the bytes written to it, a terminal or not."""

    def __init__(self, terminal: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal

    def written(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


def test_report_to_standard_output_writes_the_pdf_there_and_no_file_named_dash(
    qapp, tmp_path: Path, monkeypatch
):
    # qapp: the report needs Qt's application (see tests/test_long_report.py).
    monkeypatch.chdir(tmp_path)
    data_dir = tmp_path / "diary"
    assert main(["demo", "--data-dir", str(data_dir)], today=TODAY) == 0
    stdout = StandardOutput()
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["report", "--data-dir", str(data_dir), "-o", "-"], today=TODAY) == 0
    out = stdout.written()
    assert out.startswith(b"%PDF-")
    _, text = pdf_text(out)
    assert "Dose steps" in text
    assert not (tmp_path / "-").exists()


def test_report_to_standard_output_on_a_terminal_is_refused(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data_dir = tmp_path / "diary"
    assert main(["demo", "--data-dir", str(data_dir)], today=TODAY) == 0
    stdout = StandardOutput(terminal=True)
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["report", "--data-dir", str(data_dir), "-o", "-"], today=TODAY) == 2
    assert "not written to a terminal" in capsys.readouterr().err
    assert stdout.written() == b"" and not (tmp_path / "-").exists()


def test_a_table_that_does_not_fit_the_page_left_is_cut_between_rows_there(qapp):
    """A long table once moved whole to the next page, leaving half a page blank."""
    from PySide6.QtCore import QBuffer, QIODevice

    from rlstracker.report import render

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    device = render.QPdfWriter(buffer)
    device.setResolution(300)
    width, usable, gap = 2000.0, 3000.0, 20.0
    opening = render._text_block(device, "<p>" + "Words of the summary. " * 100 + "</p>")
    rows = [[f"{day} Nov 2026", f"A note of the night number {day}."] for day in range(1, 61)]
    blocks = [
        opening,
        render._text_block(device, "<h2>Notes</h2>"),
        render._table_block(device, ["Night of", "Note"], rows),
    ]
    assert opening.measure(width) < usable / 2  # half the first page is left for the notes
    pages = render._paginate(blocks, width, usable, gap)
    for placed in pages[:-1]:
        filled = sum(height for _, _, height in placed) + gap * (len(placed) - 1)
        assert filled > 0.9 * usable  # no page ends half empty before the table goes on
    assert all(top + height <= usable for placed in pages for _, top, height in placed)
    assert len(pages[0]) == 3  # the opening, the heading and the first rows of the notes


def test_the_pages_print_dark_text_while_the_window_is_dark(qapp):
    """The print preview and the printer lay the pages out inside the running app: in dark
    colours the text must still be dark on the white page (it came out near-white)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from rlstracker.report.render import _text_block
    from rlstracker.ui.theme import Theme, apply_appearance

    apply_appearance(qapp, Theme.DARK, "normal")
    try:
        page = QImage(600, 200, QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        block = _text_block(page, "<p>Magnesium for restless legs: diary report</p>")
        painter = QPainter(page)
        block.draw(painter, QRectF(0, 0, 600, block.measure(600)))
        painter.end()
        darkest = min(
            QColor(page.pixel(x, y)).lightness() for x in range(0, 600, 2) for y in range(40)
        )
        assert darkest < 80
    finally:
        apply_appearance(qapp, Theme.LIGHT, "normal")


def test_the_words_of_a_table_stand_clear_of_its_lines(qapp):
    """The cells' padding was given in points, which Qt's rich text ignores: the words touched
    the lines, and a period's name ran into its dates ("Week 126. April")."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from rlstracker.report.render import _table_block

    dots_per_metre = round(300 / 0.0254)  # the PDF's 300 dpi
    page = QImage(700, 300, QImage.Format.Format_RGB32)
    page.setDotsPerMeterX(dots_per_metre)
    page.setDotsPerMeterY(dots_per_metre)
    page.fill(QColor("white"))
    block = _table_block(page, ["Period", "Dates"], [["Week 1", "26. April – 2. Mai 2026"]])
    painter = QPainter(page)
    block.draw(painter, QRectF(0, 0, 700, block.measure(700)))
    painter.end()

    def first_column(darker_than: int) -> int:
        return next(
            x
            for x in range(700)
            if any(QColor(page.pixel(x, y)).lightness() < darker_than for y in range(300))
        )

    line, ink = first_column(250), first_column(90)  # the table's left line, the first word
    assert ink - line >= 3 * 300 / 72  # at least 3 pt between them


@pytest.mark.parametrize("paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter])
def test_the_long_german_words_of_a_table_are_never_broken(qapp, paper):
    """German headers were broken inside words ("Nebenwirkun / gen", "Eingenomme / ne") to
    squeeze seven columns into the page; the table is set a little smaller instead."""
    from rlstracker import translations

    translations.speak("de")
    try:
        _, text = pdf_text(report_pdf(demo_content(), QPageSize(paper))[0])
    finally:
        translations.speak("en")
    assert "Dosisstufen" in text
    for word in ("Eingenommene", "Nebenwirkungen", "Beschwerden", "(Ausgangsphase"):
        assert word in text
