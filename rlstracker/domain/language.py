"""The program's words in the person's language: the catalogue in use (stdlib gettext), and
dates and numbers as each language writes them.

Every user-visible sentence goes through `_` (or `ngettext`, `pgettext`) when it is said, never
when a module is imported, so that the language chosen at start-up (or in Settings) is the one
spoken. Which catalogue is in use is set once by the program's wiring (`use`); the domain only
reads it. Dates and numbers come from small tables of the four languages rather than from the
C library's locale, which is often missing on a desktop and never thread-safe.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import TypeVar, overload

K = TypeVar("K")

DOMAIN = "rlstracker"

# The languages the app speaks, each named in its own language (never translated).
LANGUAGES: dict[str, str] = {  # not user text: each language named in its own language
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
}
SOURCE_LANGUAGE = "en"
# The languages offered (in Settings, to --language, and followed from the desktop): English,
# and each language whose catalogue is complete. tests/test_catalogue.py fails when an offered
# language has a message untranslated or fuzzy, so a catalogue still being translated (po/ holds
# every language of LANGUAGES) can be merged: it is simply not offered yet.
OFFERED: tuple[str, ...] = ("en", "de", "fr", "es")

_state: dict[str, object] = {
    "code": SOURCE_LANGUAGE,
    "translations": _gettext.NullTranslations(),
}


def use(code: str, translations: _gettext.NullTranslations | None = None) -> None:
    """Speak `code` from now on, with `translations` (None: the English of the source)."""
    if code not in LANGUAGES:
        raise ValueError(  # not user text: a programming error, for the developer
            f"unknown language {code!r}; known: {', '.join(LANGUAGES)}"
        )
    _state["code"] = code
    _state["translations"] = translations or _gettext.NullTranslations()


def current() -> str:
    """The language spoken now: 'en', 'de', 'fr' or 'es'."""
    return str(_state["code"])


def _catalogue() -> _gettext.NullTranslations:
    translations = _state["translations"]
    assert isinstance(translations, _gettext.NullTranslations)
    return translations


def _(message: str) -> str:
    """`message` in the language in use."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count`, by the language's own plural rule."""
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A short message whose meaning depends on where it stands ('none' of side effects)."""
    return _catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is only named; translated where it is said."""
    return message


class Translated(Mapping[K, str]):
    """A table of names marked with N_ where it is written and translated each time one is
    read ('Diarrhoea' -> 'Durchfall'), so a module-level table speaks the language in use."""

    def __init__(self, names: Mapping[K, str]) -> None:
        self._names = dict(names)

    def __getitem__(self, key: K) -> str:
        return _(self._names[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Translated({self._names!r})"


class TranslatedTuple(Sequence[str]):
    """A tuple of words marked with N_, each translated when it is read."""

    def __init__(self, words: Sequence[str]) -> None:
        self._words = tuple(words)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(_(w) for w in self._words[index])
        return _(self._words[index])

    def __len__(self) -> int:
        return len(self._words)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (
            tuple(other) if isinstance(other, (tuple, list, TranslatedTuple)) else other
        )

    def __hash__(self) -> int:
        return hash(self._words)


# Which language: as gettext finds it on Linux (the first of LANGUAGE, LC_ALL, LC_MESSAGES,
# LANG that is set; LANGUAGE may list several, in order of preference).
DESKTOP_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_of(tag: str) -> str | None:
    """'de' for 'de_AT.UTF-8', 'de-CH' or 'de'; 'en' for 'C' and 'POSIX'; None for a language
    the app does not offer."""
    tag = tag.strip()
    if tag in ("C", "POSIX") or tag.startswith(("C.", "POSIX.")):
        return SOURCE_LANGUAGE
    code = re.split(r"[_.@-]", tag, maxsplit=1)[0].lower()
    return code if code in OFFERED else None


def desktop_language(environ: Mapping[str, str], system: Sequence[str] = ()) -> str:
    """The desktop's language: from the environment as gettext reads it, else the system's
    preferred languages (`system`, as the platform lists them), else English."""
    for variable in DESKTOP_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        # gettext ignores LANGUAGE when the locale is C; an unset LC_ALL/LANG is not C.
        tags = value.split(":") if variable == "LANGUAGE" else [value]
        for tag in tags:
            found = language_of(tag) if tag else None
            if found:
                return found
        if variable != "LANGUAGE":
            return SOURCE_LANGUAGE  # a locale the app does not speak: its source language
    for tag in system:
        found = language_of(tag)
        if found:
            return found
    return SOURCE_LANGUAGE


def choose_language(
    option: str | None,
    preference: str | None,
    environ: Mapping[str, str],
    system: Sequence[str] = (),
) -> str:
    """The language to speak: --language, else the one chosen in Settings, else the desktop's."""
    for chosen in (option, preference):
        if chosen and chosen in OFFERED:
            return chosen
    return desktop_language(environ, system)


# Dates. English is as the app has always written it ("3 Nov 2026"); the others as their
# clinicians write a date in running text.
# fmt: off
_MONTHS: dict[str, tuple[str, ...]] = {  # not user text: data, the names themselves
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
# Short month names for tables and chart axes (CLDR's abbreviated forms).
_SHORT_MONTHS: dict[str, tuple[str, ...]] = {  # not user text: data, the names themselves
    "en": _MONTHS["en"],
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez."),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}
_WEEKDAYS: dict[str, tuple[str, ...]] = {  # not user text: data, the names themselves
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
_SHORT_WEEKDAYS: dict[str, tuple[str, ...]] = {  # not user text: data, the names themselves
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
}
# fmt: on


def _day_number(day: date, code: str) -> str:
    if code == "de":
        return f"{day.day}."
    if code == "fr" and day.day == 1:
        return "1er"
    return str(day.day)


def day_month(day: date, short: bool = False) -> str:
    """'3 Nov', '3. November', '3 novembre', '3 de noviembre' (`short`: the abbreviated month,
    for tables and axes: '3. Nov.', '3 nov.', '3 nov')."""
    code = current()
    month = (_SHORT_MONTHS if short else _MONTHS)[code][day.month - 1]
    number = _day_number(day, code)
    if code == "es" and not short:
        return f"{number} de {month}"
    return f"{number} {month}"


def day_month_year(day: date, short: bool = False) -> str:
    """'3 Nov 2026', '3. November 2026', '3 novembre 2026', '3 de noviembre de 2026'."""
    code = current()
    if code == "es" and not short:
        return f"{day_month(day)} de {day.year}"
    return f"{day_month(day, short)} {day.year}"


_FULL_MONTHS_EN = (  # not user text: data, the English names themselves
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """'Thursday 26 November 2026', 'Donnerstag, 26. November 2026', 'jeudi 26 novembre 2026',
    'jueves, 26 de noviembre de 2026': a date with its weekday, for headings."""
    code = current()
    if code == SOURCE_LANGUAGE:
        return f"{weekday(day)} {day.day} {_FULL_MONTHS_EN[day.month - 1]} {day.year}"
    if code == "fr":
        return f"{weekday(day)} {day_month_year(day)}"
    return f"{weekday(day)}, {day_month_year(day)}"


def listed_date(day: date) -> str:
    """A date in the command line's listings: ISO in English, as it has always been written
    there (scripts read it), and as the language writes it otherwise ('26. November 2026')."""
    if current() == SOURCE_LANGUAGE:
        return day.isoformat()
    return day_month_year(day)


def weekday(day: date, short: bool = False) -> str:
    """'Thursday', 'Donnerstag', 'jeudi', 'jueves' (`short`: 'Thu', 'Do.', 'jeu.', 'jue')."""
    return (_SHORT_WEEKDAYS if short else _WEEKDAYS)[current()][day.weekday()]


def month_name(month: int, short: bool = False) -> str:
    return (_SHORT_MONTHS if short else _MONTHS)[current()][month - 1]


# Numbers: the decimal mark and the thousands separator of each language.
_DECIMAL = {"en": ".", "de": ",", "fr": ",", "es": ","}
_GROUP = {"en": ",", "de": ".", "fr": "\u202f", "es": "."}


def number(value: float, decimals: int | None = None, grouped: bool = False) -> str:
    """`value` as the language writes it: '2.5' / '2,5'; `decimals` fixed places, else as
    short as Python's 'g' writes it; `grouped` adds thousands separators ('20,000', '20.000',
    '20 000')."""
    code = current()
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    if "e" in text:  # 'g' writes 1e+06 for a million: never for doses, but say it plainly
        text = f"{value:.0f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    # Spanish leaves four-digit numbers ungrouped (CLDR's minimum grouping of 2).
    if grouped and len(whole) > 3 and not (code == "es" and len(whole) == 4):
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = _GROUP[code].join([whole, *groups])
    return sign + whole + (_DECIMAL[code] + fraction if fraction else "")


def percent(fraction: float, decimals: int = 1) -> str:
    """'16.2%' in English (as the app has always written it), '16,2 %' in German, French and
    Spanish."""
    if current() == SOURCE_LANGUAGE:
        return f"{fraction:.{decimals}%}"
    return number(fraction * 100, decimals) + "\u00a0%"


def decimal_mark() -> str:
    return _DECIMAL[current()]


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c', by the language's own word for 'and'."""
    if len(items) <= 1:
        return "".join(items)
    text = _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
    if current() == "es":  # 'y' becomes 'e' before an i sound: 'debilidad e irritación'
        text = re.sub(r" y (?=[iíIÍ]|h[iíIÍ](?![aeoáéó]))", " e ", text)
    return text
