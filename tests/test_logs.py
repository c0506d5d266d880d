"""The log: in the user's log folder, rotating, of dates and actions, never health data."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from rlstracker import logs
from rlstracker.cli import main

NOTE = "private note about my legs"


def test_the_log_is_in_the_platform_log_folder_unless_told_otherwise(tmp_path):
    assert logs.log_folder().is_relative_to(Path(os.environ["HOME"]))
    assert logs.log_folder().parts[-2:] == ("rlstracker", "log")  # Linux: ~/.local/state/…
    assert logs.log_folder({"RLSTRACKER_LOG_DIR": str(tmp_path)}) == tmp_path
    assert not logs.debugging({}) and not logs.debugging({"RLSTRACKER_DEBUG": "0"})
    assert logs.debugging({"RLSTRACKER_DEBUG": "1"})


def test_commands_log_dates_and_actions_and_no_health_data(tmp_path, data_dir):
    csv = tmp_path / "nights.csv"
    csv.write_text(
        "date,dose_mg,symptom_severity,sleep_quality,diarrhoea,notes\n"
        f"2026-11-20,137.5,7,3,2,{NOTE}\n"
        f"2026-11-21,212.5,8,2,1,{NOTE} again\n",
        encoding="utf-8",
    )
    assert main(["import", "--data-dir", str(data_dir), str(csv)]) == 0
    assert main(["export", "--data-dir", str(data_dir), "-o", str(tmp_path / "out.csv")]) == 0
    logged = (logs.log_folder() / "rlstracker.log").read_text()
    assert "command: import" in logged and "command: export" in logged
    assert "imported nights: 2 added" in logged
    for private in (NOTE, "137.5", "212.5"):  # odd doses: a timestamp could hold a round one
        assert private not in logged


def test_saving_and_deleting_in_the_window_logs_the_date_only(qtbot, tmp_path):
    from datetime import date

    from rlstracker.domain.models import Night
    from rlstracker.storage import Diary

    folder = logs.log_folder()
    log_file = logs.start_logging(folder)
    with Diary.open(tmp_path / "diary") as diary:
        diary.save_night(
            Night(date=date(2026, 11, 3), dose_mg=137.5, symptom_severity=9, notes=NOTE)
        )
        diary.delete_night(date(2026, 11, 3))
    assert log_file is not None
    logged = log_file.read_text()
    assert "saved the night of 2026-11-03" in logged
    assert "deleted the night of 2026-11-03" in logged
    assert NOTE not in logged and "137.5" not in logged


def test_debug_adds_detail_and_a_copy_on_stderr(tmp_path, capsys):
    log_file = logs.start_logging(tmp_path, debug=True)
    logging.getLogger("rlstracker.storage").debug("a debug line")
    assert log_file is not None and "a debug line" in log_file.read_text()
    assert "a debug line" in capsys.readouterr().err
    logs.start_logging(tmp_path)
    logging.getLogger("rlstracker.storage").debug("hidden")
    assert "hidden" not in log_file.read_text()
    assert "hidden" not in capsys.readouterr().err


def test_the_log_rotates_and_stays_small(tmp_path):
    log_file = logs.start_logging(tmp_path)
    for number in range(30_000):
        logs.log.info("line %d of a long life, padded to a realistic length .......", number)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["rlstracker.log", "rlstracker.log.1", "rlstracker.log.2", "rlstracker.log.3"]
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 4 * logs.MAX_BYTES + 1000
    assert log_file is not None


def test_an_unwritable_log_folder_leaves_the_app_working_without_a_log(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    assert logs.start_logging(blocked / "log") is None
    logs.log.info("still fine")


def test_an_unexpected_error_in_a_command_is_logged_with_its_traceback(
    tmp_path, data_dir, monkeypatch, capsys
):
    import rlstracker.cli as cli

    def broken(*_args):
        raise KeyError("something internal")

    assert main(["demo", "--data-dir", str(data_dir)]) == 0  # a reader needs a diary
    monkeypatch.setitem(cli.COMMANDS, "export", broken)
    assert main(["export", "--data-dir", str(data_dir), "-o", "-"]) == 1
    log_file = logs.log_folder() / "rlstracker.log"
    assert str(log_file) in capsys.readouterr().err
    logged = log_file.read_text()
    assert "Traceback" in logged and "KeyError: 'something internal'" in logged
