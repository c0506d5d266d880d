"""A report of more than two years says it is long and shows the last two (time and memory:
benchmarks/long_report.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rlstracker.cli import main
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.report.content import REPORT_MAX_DAYS, build_report
from rlstracker.storage import Diary

TODAY = date(2026, 11, 24)


def years(count: int) -> list[Night]:
    first = TODAY - timedelta(days=365 * count)
    return [
        Night(date=first + timedelta(days=i), dose_mg=0 if i < 7 else 100, symptom_severity=5)
        for i in range(365 * count)
    ]


def test_a_report_of_ten_years_shows_the_last_two_and_says_so():
    nights = years(10)
    content = build_report(nights, Plan(), None, None, [], TODAY)
    assert content.long_note is not None and "span 10 years" in content.long_note
    assert content.summary_lines[0] == content.long_note  # on the report itself, first
    assert len(content.nights) == REPORT_MAX_DAYS
    assert content.nights[-1] == nights[-1]
    assert f"{len(nights) - REPORT_MAX_DAYS} earlier nights are left out" in content.long_note


def test_a_report_of_two_years_is_whole_and_says_nothing():
    nights = years(2)
    content = build_report(nights, Plan(), None, None, [], TODAY)
    assert content.long_note is None and content.nights == nights


def test_the_command_line_says_the_report_is_long(qapp, data_dir: Path, tmp_path: Path, capsys):
    # qapp: the report needs Qt's application; one made by the command line would be a
    # QGuiApplication, which the widget tests after this one could not use.
    with Diary.open(data_dir) as diary:
        diary.import_nights(years(3))
    target = tmp_path / "r.pdf"
    assert main(["report", "--data-dir", str(data_dir), "-o", str(target)], today=TODAY) == 0
    assert "note: The dates asked for span 3 years" in capsys.readouterr().err
    assert target.stat().st_size > 10_000
