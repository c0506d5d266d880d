"""The compiled catalogues (resources/locale/LANG/LC_MESSAGES/rlstracker.mo) and putting one in
use: where the program's wiring says which language to speak."""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from rlstracker.domain import language
from rlstracker.locations import resource


def locale_dir() -> Path:
    return resource("locale")


def catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code`; for English, or a catalogue missing from a broken
    install, the source's own English."""
    if code == language.SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        return gettext.translation(language.DOMAIN, str(locale_dir()), languages=[code])
    except OSError:
        return gettext.NullTranslations()


def in_other_languages(message: str) -> list[tuple[str, str]]:
    """(code, words) for each offered language other than English whose catalogue says
    `message` otherwise: for a file written once that the desktop reads in its own language
    (the menu entry, the login entry). Without installed catalogues, nothing."""
    found = []
    for code in language.OFFERED:
        if code == language.SOURCE_LANGUAGE:
            continue
        try:
            said = catalogue(code).gettext(message)
        except FileNotFoundError:  # no resources at all: the English words are enough
            continue
        if said != message:
            found.append((code, said))
    return found


def speak(code: str) -> None:
    """Speak `code` from now on, everywhere below the window (the guide, the report, the
    command line)."""
    language.use(code, catalogue(code))


def speak_chosen(
    option: str | None = None,
    preference: str | None = None,
    environ: Mapping[str, str] = os.environ,
    system: Sequence[str] = (),
) -> str:
    """Speak what --language, Settings or the desktop chose (in that order); returns it."""
    code = language.choose_language(option, preference, environ, system)
    speak(code)
    return code


# The help (F1) is HTML; each heading, paragraph and list item is one message of the
# catalogue, its inner HTML with the line breaks of the source folded into spaces.
_HELP_BLOCK = re.compile(r"(<(h2|h3|p|li)>)(.*?)(</\2>)", re.DOTALL)


def help_blocks(html: str) -> list[tuple[int, str]]:
    """(line, message) for every block of the help, in order."""
    return [
        (html.count("\n", 0, match.start()) + 1, " ".join(match.group(3).split()))
        for match in _HELP_BLOCK.finditer(html)
    ]


# Under another name than `_`, so that extraction does not take the call below for a message
# (the help's messages are extracted from the HTML itself, by packaging/catalogues.py).
_said = language._


def translated_help(html: str) -> str:
    """The help in the language in use, block by block."""
    return _HELP_BLOCK.sub(
        lambda m: m.group(1) + _said(" ".join(m.group(3).split())) + m.group(4), html
    )


def help_html() -> str:
    page = resource("help/guide.html")  # not user text: a file name
    return translated_help(page.read_text(encoding="utf-8"))
