"""Guards for the changes that keep years of diary fast (the timings live in benchmarks/)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rlstracker.domain.models import Night
from rlstracker.storage import Diary


def test_saving_a_night_does_not_read_the_whole_diary_again(data_dir: Path):
    with Diary.open(data_dir) as diary:
        diary.import_nights(
            [Night(date=date(2020, 1, 1) + timedelta(days=i), dose_mg=100) for i in range(500)]
        )
        assert len(diary.nights()) == 500
        statements: list[str] = []
        diary._db.set_trace_callback(statements.append)
        diary.save_night(Night(date=date(2026, 1, 1), dose_mg=150))
        assert len(diary.nights()) == 501
        assert diary.night_on(date(2026, 1, 1)).dose_mg == 150
        reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert not any("FROM nights" in s for s in reads), reads


def test_another_programs_commit_is_read_again(data_dir: Path):
    with Diary.open(data_dir) as window, Diary.open(data_dir) as script:
        assert window.nights() == []
        script.save_night(Night(date=date(2026, 1, 1), notes="from a script"))
        assert [n.notes for n in window.nights()] == ["from a script"]


def test_a_hidden_history_table_is_not_worked_out(qtbot):
    from rlstracker.ui.history_panel import HistoryPanel

    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_nights([Night(date=date(2026, 1, 1) + timedelta(days=i)) for i in range(100)])
    assert panel._model.rowCount() == 0  # not yet: nobody is looking
    panel.show()
    assert panel._model.rowCount() == 100
