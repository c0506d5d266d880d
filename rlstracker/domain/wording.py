"""Small pieces of plain English shared by the guide, the report and the command line."""

from __future__ import annotations

import calendar
from datetime import date

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def six_months_before(day: date) -> date:
    """The same day of the month six months earlier (the month's last day where it is short)."""
    month = day.month - 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def day_words(day: date, tonight: date) -> str:
    """'3 Nov', or '3 Nov 2025' for a date more than six months before `tonight` (or in
    another year), in English whatever the C locale says."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    if day < six_months_before(tonight) or day.year != tonight.year:
        text += f" {day.year}"
    return text


def full_day(day: date) -> str:
    """'3 Nov 2026': for reports and lists, where the year is always wanted."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weekday_day(day: date) -> str:
    """'Wed 25 Nov 2026': a night in a list of nights, in English whatever the C locale says."""
    return f"{_WEEKDAYS[day.weekday()]} {full_day(day)}"


def mg(dose: float) -> str:
    return f"{dose:g} mg"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 night', '3 nights'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
