"""What the diary's file handling says when it refuses (an import, a newer diary, a busy file)
is said in the person's language, with the file's own words (column names, dates as written)
left as they are."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rlstracker import translations
from rlstracker.cli import main
from rlstracker.demo import demo_diary
from rlstracker.diary_csv import CsvRefused, read_diary_csv
from rlstracker.failures import describe_sqlite_error
from rlstracker.storage import DIARY_FILE_NAME, SCHEMA_VERSION, Diary, NewerDiaryError

TODAY = date(2026, 11, 24)


def test_a_refused_import_lists_its_problems_in_german(data_dir: Path, tmp_path: Path, capsys):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.csv"
    bad.write_text('date,dose_mg,nausea\n2026-02-30,100,0\n2026-01-03,"62,5",0\n')

    assert main(["--language", "de", "--data-dir", str(data_dir), "import", str(bad)]) == 2

    err = capsys.readouterr().err
    assert "wurde nicht importiert" in err
    # Where (file, line, column), what was there, and why: the column's name is the file's own.
    assert f"{bad} Zeile 2, Spalte date: '2026-02-30': kein gültiges Datum" in err
    assert f"{bad} Zeile 3, Spalte dose_mg: '62,5': verwenden Sie in der Datei einen Punkt" in err
    assert " line " not in err and "not a real date" not in err


def test_a_date_after_today_is_refused_with_a_german_date(german):
    with pytest.raises(CsvRefused) as refused:
        read_diary_csv(b"date,dose_mg\n2026-12-01,100\n", TODAY)
    said = refused.value.problems[0].describe("tagebuch.csv")
    assert said == (
        "tagebuch.csv Zeile 2, Spalte date: '2026-12-01': "
        "liegt nach dem heutigen Tag (24. November 2026)"
    )


def test_a_diary_from_a_newer_version_is_refused_in_german(data_dir: Path, german):
    Diary.open(data_dir).close()
    with sqlite3.connect(data_dir / DIARY_FILE_NAME) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(NewerDiaryError) as refused:
        Diary.open(data_dir)
    assert "wurde von einer neueren Version von RLS Tracker geschrieben" in str(refused.value)
    assert "Die Datei wurde nicht geändert." in str(refused.value)


def test_a_busy_diary_is_called_busy_in_german(german):
    error = sqlite3.OperationalError("database is locked")
    assert describe_sqlite_error(error).startswith("es ist belegt: ein anderes Programm")


def test_the_example_is_written_in_the_language_in_use_and_tells_the_same_story(german):
    in_german = demo_diary(TODAY)
    translations.speak("en")
    in_english = demo_diary(TODAY)

    german_notes = {night.notes for night in in_german.nights} - {""}
    english_notes = {night.notes for night in in_english.nights} - {""}
    assert german_notes & {"Vergessen einzunehmen.", "Kaffee am späten Nachmittag."}
    assert not german_notes & english_notes
    assert in_german.product.name == "Magnesiumbisglycinat-Kapseln"
    # Only the words differ: the same nights, doses and scores.
    assert [(n.date, n.dose_mg, n.symptom_severity) for n in in_german.nights] == [
        (n.date, n.dose_mg, n.symptom_severity) for n in in_english.nights
    ]


def test_the_login_entry_carries_the_comment_in_every_offered_language():
    from rlstracker.autostart import linux_entry_text

    entry = linux_entry_text(["rlstracker", "--background"])
    assert "Comment=The evening reminder of the RLS Tracker diary\n" in entry
    assert "Comment[de]=Die abendliche Erinnerung des RLS-Tracker-Tagebuchs\n" in entry
    assert "Comment[fr]=" in entry and "Comment[es]=" in entry
