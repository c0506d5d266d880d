"""What the command line still said in English, or with ISO dates, in German, French and
Spanish: argparse's own words, the dates in prose, the safety answers, the system's error words,
and French no-break spaces on standard error."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from rlstracker import cli
from rlstracker.cli import main
from rlstracker.domain import language
from rlstracker.domain.language import _
from tests.test_cli import SAFE_ANSWERS

TODAY = date(2026, 11, 24)
# Python 3.10's argparse writes "argument %s: %s" without asking gettext (3.11 asks): there
# the option's name keeps the English word before it.
ARGUMENT = "Argument" if sys.version_info >= (3, 11) else "argument"
ARGUMENT_FR = "argument COMMAND\u00a0:" if sys.version_info >= (3, 11) else "argument COMMAND:"


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args], today=TODAY)


def test_argparse_speaks_the_language_and_english_is_unchanged(data_dir: Path, capsys):
    with pytest.raises(SystemExit):
        run(data_dir, "--language", "de", "plan", "--start-mg")
    said = capsys.readouterr().err
    assert "Aufruf: rlstracker plan" in said
    assert f"rlstracker plan: Fehler: {ARGUMENT} --start-mg: erwartet einen Wert" in said
    with pytest.raises(SystemExit):
        run(data_dir, "--language", "fr", "frobnicate")
    said = capsys.readouterr().err
    assert "utilisation\u00a0: rlstracker" in said
    assert f"erreur\u00a0: {ARGUMENT_FR} choix non valide\u00a0: 'frobnicate'" in said
    with pytest.raises(SystemExit):
        run(data_dir, "--language", "es", "trial", "--help")
    said = capsys.readouterr().out
    assert "uso: rlstracker trial" in said and "mostrar esta ayuda y salir" in said
    assert "opciones:" in said and "argumentos posicionales:" in said
    with pytest.raises(SystemExit):
        run(data_dir, "--language", "en", "--bogus")
    said = capsys.readouterr().err
    assert "usage: rlstracker" in said
    assert "rlstracker: error: unrecognized arguments: --bogus" in said


@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_argparse_words_keep_their_placeholders(code: str):
    from rlstracker import translations

    translations.speak(code)
    try:
        for words in cli.ARGPARSE_WORDS:
            said = _(words)
            assert re.findall(r"%\(\w+\)[rs]|%[rs]", said) == re.findall(
                r"%\(\w+\)[rs]|%[rs]", words
            ), (words, said)
    finally:
        translations.speak("en")


def test_demo_plan_and_clearance_write_dates_as_the_language_does(data_dir: Path, capsys):
    assert run(data_dir, "--language", "de", "demo") == 0
    said = capsys.readouterr().out
    assert "(4. August 2026 bis 23. November 2026)" in said, said
    assert run(data_dir, "--language", "de", "plan", "--region", "eu", "--clinician-approved") == 0
    said = capsys.readouterr().out
    assert "(eingetragen am 24. November 2026)" in said, said
    assert run(data_dir, "--language", "es", "clearance", "--date", "2026-11-20") == 0
    said = capsys.readouterr().out
    assert "(20 de noviembre de 2026)" in said, said
    assert run(data_dir, "--language", "fr", "clearance", "--list") == 0
    said = capsys.readouterr().out
    assert said.startswith("20 novembre 2026 (noté le 24 novembre 2026)"), said
    assert run(data_dir, "clearance", "--list") == 0
    assert capsys.readouterr().out == "2026-11-20 (recorded 2026-11-24)\n"


def test_the_safety_answers_are_named_in_the_language_with_the_options_value(
    data_dir: Path, capsys
):
    assert run(data_dir, *SAFE_ANSWERS) == 0
    assert run(data_dir, "--language", "de", "safety", "--kidney", "some") == 0
    said = capsys.readouterr().out
    assert "eine Nierenerkrankung (some)" in said, said
    assert "18 bis 64 (18-64)" in said, said
    assert run(data_dir, "safety") == 0
    said = capsys.readouterr().out
    assert re.search(r"kidney disease +some\n", said), said


def test_french_no_break_spaces_reach_standard_error_as_spaces(data_dir: Path, capsys):
    assert run(data_dir, "--language", "fr", "safety", "--kidney", "none") == 2
    said = capsys.readouterr().err
    assert "\\xa0" not in said
    assert "il manque\u00a0:" in said, said


def test_a_missing_file_is_said_without_the_systems_english(data_dir: Path, tmp_path, capsys):
    assert run(data_dir, "demo") == 0
    missing = str(tmp_path / "missing.csv")
    assert run(data_dir, "--language", "de", "import", missing) == 2
    said = capsys.readouterr().err
    assert "No such file" not in said and "nicht vorhanden" in said, said
    assert run(data_dir, "import", missing) == 2
    assert "it is not there (No such file or directory)" in capsys.readouterr().err
    assert language.current() == "en"
