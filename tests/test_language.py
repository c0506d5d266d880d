"""The language the app speaks: which one is chosen, and dates and numbers as each writes
them; the command line in German."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rlstracker import translations
from rlstracker.cli import main
from rlstracker.domain import language
from rlstracker.domain.wording import day_words, full_day, mg

TODAY = date(2026, 11, 24)


def test_the_option_comes_before_settings_and_settings_before_the_desktop():
    desktop = {"LANG": "de_DE.UTF-8"}
    assert language.choose_language("en", "de", desktop) == "en"
    assert language.choose_language(None, "en", desktop) == "en"
    assert language.choose_language(None, None, desktop) == "de"
    assert language.choose_language(None, "", {}) == "en"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "de_AT:en", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "xx:de", "LANG": "C"}, "de"),
        ({"LC_ALL": "de_CH.UTF-8", "LANG": "en_GB.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_DE", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "en"),  # a language the app does not speak: English
        ({}, "en"),
    ],
)
def test_the_desktop_language_is_read_as_gettext_reads_it(environ, expected):
    assert language.desktop_language(environ) == expected


def test_a_language_not_offered_yet_is_never_chosen():
    not_offered = [code for code in language.LANGUAGES if code not in language.OFFERED]
    for code in not_offered:
        assert language.choose_language(code, code, {"LANG": code}) == "en"


def test_english_dates_and_numbers_are_as_they_always_were():
    assert full_day(date(2026, 11, 3)) == "3 Nov 2026"
    assert day_words(date(2026, 11, 3), date(2026, 11, 20)) == "3 Nov"
    assert mg(62.5) == "62.5 mg"
    assert language.number(20000, grouped=True) == "20,000"
    assert language.joined(["a", "b", "c"]) == "a, b and c"


def test_german_dates_and_numbers(german):
    assert full_day(date(2026, 11, 26)) == "26. November 2026"
    assert day_words(date(2026, 11, 3), date(2026, 11, 20)) == "3. November"
    assert mg(62.5) == "62,5 mg"
    assert language.number(2.5) == "2,5"
    assert language.number(20000, grouped=True) == "20.000"
    assert language.joined(["a", "b", "c"]) == "a, b und c"
    assert language.weekday(date(2026, 11, 26)) == "Donnerstag"


def test_french_and_spanish_dates_are_written_their_way():
    language.use("fr")
    try:
        assert full_day(date(2026, 11, 1)) == "1er novembre 2026"
        assert mg(2.5) == "2,5 mg"
    finally:
        language.use("en")
    language.use("es")
    try:
        assert full_day(date(2026, 11, 26)) == "26 de noviembre de 2026"
    finally:
        language.use("en")


def test_plurals_follow_the_language(german):
    one = language.ngettext("Wrote {count} night to {file}.", "Wrote {count} nights to {file}.", 1)
    many = language.ngettext("Wrote {count} night to {file}.", "Wrote {count} nights to {file}.", 2)
    assert one.startswith("{count} Nacht ")
    assert many.startswith("{count} Nächte ")


def test_tables_are_translated_when_read_not_when_imported(german):
    from rlstracker.domain.models import SIDE_EFFECT_NAMES, effect_at_grade

    assert SIDE_EFFECT_NAMES["diarrhoea"] == "Durchfall"
    assert effect_at_grade("nausea", 2) == "mäßige Übelkeit"
    translations.speak("en")
    assert SIDE_EFFECT_NAMES["diarrhoea"] == "Diarrhoea"


def test_next_dose_speaks_german_with_german_dates(data_dir: Path, capsys, monkeypatch):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    monkeypatch.setenv("LANGUAGE", "de")
    assert main(["--data-dir", str(data_dir), "next-dose"], today=TODAY) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("Dienstag, 24. November 2026: "), first
    assert "elementares Magnesium" in out
    assert "Warum:" in out
    assert "Die App ist keine ärztliche Beratung" in out


def test_the_json_and_the_exit_codes_stay_the_same_in_german(data_dir: Path, capsys, monkeypatch):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "next-dose", "--json"], today=TODAY) == 0
    english = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("LANGUAGE", "de")
    assert main(["--data-dir", str(data_dir), "next-dose", "--json"], today=TODAY) == 0
    german = json.loads(capsys.readouterr().out)
    assert list(german) == list(english)
    assert german["action"] == english["action"] and german["dose_mg"] == english["dose_mg"]
    with pytest.raises(SystemExit) as refused:
        main(["--data-dir", str(data_dir), "plan", "--start-mg", "x"])
    assert refused.value.code == 2


def test_the_language_option_outranks_the_desktop(data_dir: Path, capsys, monkeypatch):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    monkeypatch.setenv("LANGUAGE", "de")
    assert main(["--language", "en", "--data-dir", str(data_dir), "plan"], today=TODAY) == 0
    assert capsys.readouterr().out.startswith("Plan (doses are mg of elemental magnesium):")


def test_the_language_chosen_in_settings_outranks_the_desktop(data_dir: Path, capsys):
    import dataclasses

    from rlstracker.storage import Diary

    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    with Diary.open(data_dir) as diary:
        diary.save_preferences(dataclasses.replace(diary.preferences(), language="de"))
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "plan"], today=TODAY) == 0
    assert capsys.readouterr().out.startswith("Plan (Dosen in mg elementarem Magnesium):")


def test_the_installed_command_speaks_german_from_the_environment(data_dir: Path):
    """`LANGUAGE=de rlstracker next-dose`, as a person types it."""
    environ = {**os.environ, "LANGUAGE": "de", "RLSTRACKER_DATA_DIR": str(data_dir)}
    run = [sys.executable, "-m", "rlstracker"]
    subprocess.run([*run, "demo"], env=environ, check=True, capture_output=True)
    result = subprocess.run(
        [*run, "next-dose"], env=environ, check=True, capture_output=True, text=True
    )
    assert "Warum:" in result.stdout
    assert "elementares Magnesium" in result.stdout


def test_next_dose_speaks_french_with_french_dates(data_dir: Path, capsys, monkeypatch):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LANGUAGE")
    assert main(["--data-dir", str(data_dir), "next-dose"], today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("mardi 24 novembre 2026\u00a0: "), out.splitlines()[0]
    assert "de magnésium élément" in out
    assert "Pourquoi\u00a0:" in out


def test_next_dose_speaks_spanish_with_spanish_dates(data_dir: Path, capsys):
    assert main(["--data-dir", str(data_dir), "demo"], today=TODAY) == 0
    capsys.readouterr()
    assert main(["--language", "es", "--data-dir", str(data_dir), "next-dose"], today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("martes, 24 de noviembre de 2026: "), out.splitlines()[0]
    assert "de magnesio elemental" in out
    assert "Por qué:" in out
