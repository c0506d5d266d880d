"""Small pieces of wording shared by the guide, the report and the command line: dates, doses
and lists, in the language in use (rlstracker.domain.language)."""

from __future__ import annotations

import calendar
from datetime import date

from rlstracker.domain.language import day_month, day_month_year, joined, number, weekday

__all__ = ["day_words", "full_day", "joined", "mg", "plural", "six_months_before", "weekday_day"]


def six_months_before(day: date) -> date:
    """The same day of the month six months earlier (the month's last day where it is short)."""
    month = day.month - 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def day_words(day: date, tonight: date) -> str:
    """'3 Nov', or '3 Nov 2025' for a date more than six months before `tonight` (or in
    another year), in the language in use whatever the C locale says."""
    if day < six_months_before(tonight) or day.year != tonight.year:
        return day_month_year(day)
    return day_month(day)


def full_day(day: date) -> str:
    """'3 Nov 2026': for reports and lists, where the year is always wanted."""
    return day_month_year(day)


def weekday_day(day: date) -> str:
    """'Wed 25 Nov 2026' ('Mi. 25. Nov. 2026', 'mer. 25 nov. 2026', 'mié 25 nov 2026'): a night
    in a list of nights, short enough to leave the list's notes their room, in the language in
    use whatever the C locale says."""
    return f"{weekday(day, short=True)} {day_month_year(day, short=True)}"


def mg(dose: float) -> str:
    """'70.5 mg' ('70,5 mg' where the language writes a decimal comma)."""
    return f"{number(dose)} mg"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 night', '3 nights': English only, for words not yet in the catalogue. A translated
    message counts with `ngettext` instead (rlstracker.domain.language)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
