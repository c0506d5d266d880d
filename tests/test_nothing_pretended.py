"""The command line never pretends: a missing or emptied diary, a mistyped folder, an output that
can't be written, odd input, are each refused or reported as what they are."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rlstracker.cli import main
from rlstracker.domain.models import Night
from rlstracker.storage import DIARY_FILE_NAME, Diary

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 21, 0)


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args], today=TODAY)


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rlstracker", *args], capture_output=True, text=True, **kwargs
    )


def diary_with_backup(folder: Path, nights: int = 12) -> Path:
    with Diary.open(folder) as diary:
        diary.import_nights(
            [Night(date=date(2026, 1, 1) + timedelta(days=i), dose_mg=100) for i in range(nights)]
        )
        return diary.backup("daily", NOW - timedelta(days=1))


READING = [
    ["next-dose", "--json"],
    ["export", "-o", "-"],
    ["plan", "--json"],
]
WRITING = [["plan", "--start-mg", "50"], ["demo"]]


@pytest.mark.parametrize("args", READING + WRITING + [["report", "-o", "REPORT"]])
def test_a_missing_diary_beside_its_backups_is_refused_naming_the_newest(
    data_dir: Path, tmp_path: Path, capsys, args
):
    backup = diary_with_backup(data_dir)
    (data_dir / DIARY_FILE_NAME).unlink()
    args = [str(tmp_path / "r.pdf") if a == "REPORT" else a for a in args]
    assert cli(data_dir, *args) == 2
    captured = capsys.readouterr()
    assert "missing" in captured.err and str(backup) in captured.err
    assert "To restore it" in captured.err
    assert captured.out == ""  # no answer from an empty diary
    assert not (data_dir / DIARY_FILE_NAME).exists()  # and no new, empty diary made
    assert not (tmp_path / "r.pdf").exists()


def test_a_missing_diary_is_refused_by_import_too(data_dir: Path, tmp_path: Path, capsys):
    diary_with_backup(data_dir)
    (data_dir / DIARY_FILE_NAME).unlink()
    csv = tmp_path / "n.csv"
    csv.write_text("date,dose_mg\n2026-05-01,100\n")
    assert cli(data_dir, "import", str(csv)) == 2
    assert "missing" in capsys.readouterr().err
    assert not (data_dir / DIARY_FILE_NAME).exists()


@pytest.mark.parametrize("args", READING + WRITING)
def test_an_emptied_diary_is_refused_and_kept_as_it_is(data_dir: Path, capsys, args):
    backup = diary_with_backup(data_dir)
    (data_dir / DIARY_FILE_NAME).write_bytes(b"")
    assert cli(data_dir, *args) == 2
    err = capsys.readouterr().err
    assert "empty" in err and str(backup) in err
    assert (data_dir / DIARY_FILE_NAME).read_bytes() == b""


def test_a_database_that_is_not_a_diary_is_refused_untouched(data_dir: Path, capsys):
    data_dir.mkdir()
    path = data_dir / DIARY_FILE_NAME
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (name TEXT)")
    other.close()
    before = path.read_bytes()
    for args in (["next-dose"], ["plan", "--start-mg", "50"]):
        assert cli(data_dir, *args) == 2
        assert "not an RLS Tracker diary" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", READING)
def test_a_command_that_only_reads_never_creates_anything(tmp_path: Path, capsys, args):
    typo = tmp_path / "diray"
    assert cli(typo, *args) == 2
    captured = capsys.readouterr()
    assert "There is no diary" in captured.err and "does not exist" in captured.err
    assert captured.out == ""
    assert not typo.exists()


def test_export_from_a_mistyped_folder_does_not_say_it_wrote_0_nights(tmp_path: Path, capsys):
    assert cli(tmp_path / "typo", "export", "-o", str(tmp_path / "out.csv")) == 2
    assert "Wrote" not in capsys.readouterr().out
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "typo").exists()


def test_a_command_that_writes_makes_a_new_diary_in_a_folder_never_used(data_dir: Path):
    assert cli(data_dir, "plan", "--start-mg", "50") == 0
    with Diary.open(data_dir) as diary:
        assert diary.plan().start_mg == 50


def test_a_refused_import_into_a_new_folder_makes_nothing(tmp_path: Path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,dose_mg\n2026-01-01,lots\n")
    assert cli(tmp_path / "new", "import", str(bad)) == 2
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("value", ["", "   ", "~nosuchuser-rls/x"])
def test_a_bad_data_dir_is_refused_and_the_usual_diary_is_not_used(value, monkeypatch, capsys):
    usual = Path(os.environ["RLSTRACKER_DATA_DIR"])
    assert main(["--data-dir", value, "plan", "--start-mg", "50"], today=TODAY) == 2
    err = capsys.readouterr().err
    assert "--data-dir" in err and "Traceback" not in err
    assert not usual.exists()


def test_an_empty_data_dir_variable_is_refused(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.setenv("RLSTRACKER_DATA_DIR", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["plan", "--start-mg", "50"], today=TODAY) == 2
    assert "RLSTRACKER_DATA_DIR is empty" in capsys.readouterr().err
    assert not (tmp_path / "xdg").exists()


def test_the_window_is_not_opened_with_an_empty_data_dir(tmp_path: Path):
    result = run("--data-dir", "", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert result.returncode == 2 and "--data-dir is empty" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_after_a_commit_says_the_change_was_saved(data_dir: Path):
    Diary.open(data_dir).close()
    command = [sys.executable, "-m", "rlstracker", "plan", "--start-mg", "50", "--data-dir"]
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [*command, str(data_dir)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 1
    assert "was made and saved" in result.stderr and "disk is full" in result.stderr
    assert "Nothing was changed" not in result.stderr and "Traceback" not in result.stderr
    with Diary.open(data_dir) as diary:
        assert diary.plan().start_mg == 50  # the words are true: it was saved


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_on_export_says_nothing_was_changed(data_dir: Path):
    diary_with_backup(data_dir)
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rlstracker", "export", "--data-dir", str(data_dir), "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 1
    assert "could not be written" in result.stderr and "not changed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_closed_pipe_after_an_import_says_the_import_was_saved(data_dir: Path, tmp_path):
    Diary.open(data_dir).close()
    csv = tmp_path / "n.csv"
    csv.write_text("date,dose_mg\n2026-05-01,100\n")
    reader, writer = os.pipe()
    os.close(reader)  # the program reading the output has gone
    try:
        result = subprocess.run(
            [sys.executable, "-m", "rlstracker", "import", str(csv), "--data-dir", str(data_dir)],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(writer)
    assert result.returncode == 1
    assert "was made and saved" in result.stderr and "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    with Diary.open(data_dir) as diary:
        assert diary.night_on(date(2026, 5, 1)).dose_mg == 100


# Input limits


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_the_csv_is_refused_at_once(data_dir: Path, tmp_path: Path):
    Diary.open(data_dir).close()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = run("import", str(fifo), "--data-dir", str(data_dir), timeout=60)  # not for ever
    assert result.returncode == 2 and "not a file" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_as_the_csv_is_refused_without_reading_it(data_dir: Path, capsys):
    Diary.open(data_dir).close()
    assert cli(data_dir, "import", "/dev/zero") == 2
    assert "not a file" in capsys.readouterr().err


def test_a_file_over_50_mb_is_refused_unread(data_dir: Path, tmp_path: Path, capsys):
    Diary.open(data_dir).close()
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)  # sparse: no disk used
    assert cli(data_dir, "import", str(huge)) == 2
    assert "larger than 50 MB" in capsys.readouterr().err


@pytest.mark.parametrize(
    "cell, column",
    [("9" * 5000, "dose_mg"), ("9" * 5000, "nausea"), ("١٠٠", "dose_mg"), ("３", "nausea")],
)
def test_odd_numbers_in_a_csv_are_refused_plainly(data_dir, tmp_path, capsys, cell, column):
    Diary.open(data_dir).close()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"date,{column}\n2026-01-01,{cell}\n", encoding="utf-8")
    assert cli(data_dir, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert f"line 2, column {column}" in err and "unexpected" not in err
    assert len(err) < 2000


@pytest.mark.parametrize("value", ["9" * 5000, "３", "١٠٠٠", "nan", "inf", "1e3"])
def test_odd_numbers_on_the_command_line_are_refused(data_dir: Path, capsys, value):
    with pytest.raises(SystemExit) as exit_:
        cli(data_dir, "plan", "--start-mg", value)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "not a number" in err and len(err) < 2000
    assert not data_dir.exists()


def test_only_the_first_50_problems_are_listed_then_a_count(data_dir, tmp_path, capsys):
    Diary.open(data_dir).close()
    bad = tmp_path / "bad.csv"
    rows = "".join(f"2020-01-{1 + i % 28:02d},x{i}\n" for i in range(5000))
    bad.write_text("date,dose_mg\n" + rows)
    assert cli(data_dir, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert err.count("column dose_mg") == 50
    assert "and 4950 more problems" in err
    assert len(err) < 20_000


def test_control_characters_in_a_file_name_are_shown_escaped(data_dir, tmp_path, capsys):
    Diary.open(data_dir).close()
    name = tmp_path / "evil\x1b[2J\x07.csv"
    name.write_text("date,dose_mg\n2026-01-01,lots\n")
    assert cli(data_dir, "import", str(name)) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "evil\\x1b[2J\\x07.csv" in err


def test_loose_permissions_are_tightened_at_every_open(data_dir: Path):
    diary_with_backup(data_dir)
    data_dir.chmod(0o755)
    (data_dir / DIARY_FILE_NAME).chmod(0o644)
    (data_dir / "backups").chmod(0o755)
    (copy,) = (data_dir / "backups").iterdir()
    copy.chmod(0o644)
    Diary.open(data_dir).close()
    for path, mode in (
        (data_dir, 0o700),
        (data_dir / DIARY_FILE_NAME, 0o600),
        (data_dir / "backups", 0o700),
        (copy, 0o600),
    ):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def backup_count(folder: Path) -> int:
    return len(list((folder / "backups").glob("diary-*.sqlite3")))


def test_a_refused_import_makes_no_backup(data_dir: Path, tmp_path: Path, capsys):
    diary_with_backup(data_dir)
    before = backup_count(data_dir)
    clash = tmp_path / "clash.csv"
    clash.write_text("date,dose_mg\n2026-01-01,300\n")  # the diary says 100
    bad = tmp_path / "bad.csv"
    bad.write_text("date,dose_mg\n2026-01-01,lots\n")
    assert cli(data_dir, "import", str(clash)) == 2
    assert cli(data_dir, "import", str(bad)) == 2
    assert backup_count(data_dir) == before


def test_twenty_imports_leave_five_copies_not_twenty(data_dir: Path, tmp_path: Path, capsys):
    diary_with_backup(data_dir)
    for index in range(20):
        csv = tmp_path / f"n{index}.csv"
        csv.write_text(f"date,dose_mg\n{date(2025, 1, 1) + timedelta(days=index)},100\n")
        assert cli(data_dir, "import", str(csv)) == 0
    made = list((data_dir / "backups").glob("diary-*-before-import.sqlite3"))
    assert len(made) == 5


@pytest.mark.parametrize(
    "args",
    [["safety"], ["safety", "--json"], ["clearance", "--list"], ["product"], ["settings"]],
)
def test_showing_answers_clearances_or_the_product_never_creates_a_diary(tmp_path, capsys, args):
    typo = tmp_path / "diray"
    assert cli(typo, *args) == 2
    assert "There is no diary" in capsys.readouterr().err
    assert not typo.exists()


@pytest.mark.parametrize(
    "args",
    [
        "safety --kidney none --heart-block no --pregnant no --age 65-plus --medicines none",
        "clearance --note yes",
        "product --name C --form citrate --unit capsule --label-mg 100 --label-gives elemental",
        "settings --reminder off",
    ],
)
def test_setting_answers_clearances_or_the_product_writes_into_a_new_folder(data_dir, args):
    assert cli(data_dir, *args.split()) == 0
    assert (data_dir / DIARY_FILE_NAME).exists()


def test_a_no_answer_counts_as_writing(tmp_path: Path):
    from rlstracker.cli import build_parser, writes

    parser = build_parser()
    assert writes(parser.parse_args(["safety", "--heart-block", "no"]))
    assert writes(parser.parse_args(["plan", "--no-clinician-approved"]))
    assert not writes(parser.parse_args(["safety", "--json"]))
    assert not writes(parser.parse_args(["settings", "--json"]))
