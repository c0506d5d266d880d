"""The translation catalogues (po/): every user-visible message of the program is in the
template, every language the app offers has all of them translated (none fuzzy), and no
translation names other placeholders or HTML tags than the English. packaging/catalogues.py
does the work; CI runs it through these tests."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from rlstracker.domain import language

ROOT = Path(__file__).parents[1]


def _catalogues():
    spec = importlib.util.spec_from_file_location(
        "rlstracker_catalogues", ROOT / "packaging" / "catalogues.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogues = _catalogues()


def test_the_template_holds_every_message_of_the_source_and_the_help():
    problems = catalogues.template_problems()
    assert not problems, (
        "po/rlstracker.pot is stale: run `python packaging/catalogues.py extract` and then "
        "`update`, and translate what is new:\n" + "\n".join(problems[:40])
    )


@pytest.mark.parametrize("code", catalogues.languages())
def test_every_catalogue_agrees_with_the_english(code: str):
    """Placeholders and tags always; an offered language also complete and never fuzzy."""
    problems = catalogues.translation_problems(code, complete=code in language.OFFERED)
    assert not problems, "\n".join(problems[:40])


def test_every_language_the_app_names_has_a_catalogue_and_every_offered_one_is_complete():
    assert set(catalogues.languages()) == set(language.LANGUAGES) - {"en"}
    assert language.OFFERED[0] == "en"
    for code in language.OFFERED[1:]:
        assert catalogues.untranslated(code) == 0, code


def test_the_compiled_catalogues_are_those_of_the_sources():
    assert catalogues.compiled_problems() == []


def test_the_check_finds_a_missing_a_fuzzy_and_a_mismatched_translation(tmp_path, monkeypatch):
    """The check itself: a catalogue with each fault is caught."""
    po = tmp_path / "po"
    po.mkdir()
    (po / "rlstracker.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Stay at {dose}."\nmsgstr ""\n\n'
        'msgid "Go down to {dose}."\nmsgstr ""\n\n'
        'msgid "Restart"\nmsgstr ""\n',
        encoding="utf-8",
    )
    (po / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Stay at {dose}."\nmsgstr "Bleiben Sie bei {dosis}."\n\n'
        '#, fuzzy\nmsgid "Go down to {dose}."\nmsgstr "Gehen Sie auf {dose}."\n\n'
        'msgid "Restart"\nmsgstr ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogues, "PO", po)
    monkeypatch.setattr(catalogues, "TEMPLATE", po / "rlstracker.pot")
    problems = catalogues.translation_problems("de", complete=True)
    assert any("placeholders" in p and "Stay at" in p for p in problems)
    assert any("fuzzy" in p and "Go down" in p for p in problems)
    assert any("not translated" in p and "Restart" in p for p in problems)
    # A language not offered yet may be incomplete, never mismatched.
    partial = catalogues.translation_problems("de", complete=False)
    assert len(partial) == 1 and "placeholders" in partial[0]


DATE_FORMAT = re.compile(r"(dddd )?d MMMM? yyyy")


@pytest.mark.parametrize("code", catalogues.languages())
def test_the_date_fields_formats_keep_qts_letters_in_every_language(code: str):
    """A date field's display format is a message (German writes "26. November 2026"); its
    translation may move and quote words, but must show the same day, month and year."""
    formats = [
        message
        for message in catalogues._read(catalogues.PO / f"{code}.po")
        if isinstance(message.id, str) and DATE_FORMAT.fullmatch(message.id)
    ]
    assert len(formats) == 3
    for message in formats:
        unquoted = re.sub(r"'[^']*'", "", message.string)
        letters = re.findall(r"[A-Za-z]+", unquoted)
        assert letters == re.findall(r"[A-Za-z]+", message.id), (message.id, message.string)


def test_french_keeps_its_punctuation_with_the_word_before_it():
    """French sets a space before : ; ! ? and inside « »; a plain one would let a line break
    there, leaving a colon alone at the start of a line. It is a no-break space."""
    broken = [
        text
        for message in catalogues._read(catalogues.PO / "fr.po")
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if re.search(r" [:;!?»]|« ", text)
    ]
    assert not broken, broken[:10]
