"""The diary as a CSV file: all-or-nothing reading with every problem listed, and writing that
guards against spreadsheet formulas and round-trips byte for byte."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rlstracker.domain import language
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.models import (
    MAX_DOSE_MG,
    NIGHT_FIELDS,
    RED_FLAG_IDS,
    SIDE_EFFECTS,
    InvalidRecord,
    Night,
    RedFlag,
    not_whole_number,
)

COLUMNS: tuple[str, ...] = NIGHT_FIELDS
ALIASES = {"diarrhea": "diarrhoea"}
LINE_END = "\r\n"  # RFC 4180, what spreadsheets write

# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"

MAX_FILE_BYTES = 50 * 1024 * 1024  # 50 MB: some 200,000 nights with long notes
MAX_NUMBER_CHARS = 24  # a float written out in full (repr) needs up to 22
# ASCII digits only: Python's \d and int() also take ١٠٠٠ and ３, which nobody means.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_WHOLE = re.compile(r"[0-9]+")


def read_csv_file(path: Path) -> bytes:
    """The bytes of a diary file: a regular file of at most MAX_FILE_BYTES, or CsvRefused.

    A FIFO would block for ever and /dev/zero never ends: neither is read at all.
    OSError when it can't be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                why = _("this is a folder, not a file; choose a CSV file")
            else:
                why = _("this is a device, pipe or socket, not a file; choose a CSV file")
            raise CsvRefused([CsvProblem(why)])
        data = b"" if info.st_size > MAX_FILE_BYTES else stream.read(MAX_FILE_BYTES + 1)
    if info.st_size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise CsvRefused(
            [
                CsvProblem(
                    _(
                        "the file is larger than {size} MB, far more than a diary holds; check "
                        "that it is the right file"
                    ).format(size=language.number(MAX_FILE_BYTES // (1024 * 1024)))
                )
            ]
        )
    return data


@dataclass(frozen=True)
class CsvProblem:
    """One reason a file was refused. `line` counts from 1, the header being line 1."""

    reason: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def describe(self, file_name: str) -> str:
        """'diary.csv line 3, column dose_mg: '1500': reason': where, what was there, and why.
        Column names stay as the file writes them (they are the CSV's own)."""
        if self.line is None:
            return _("{file}: {reason}").format(file=file_name, reason=self.reason)
        value = self.value
        if value is not None and len(value) > 40:
            value = value[:37] + "..."
        if self.column is None and value is None:
            said = _("{file} line {line}: {reason}")
        elif self.column is None and value:
            said = _("{file} line {line}: {value}: {reason}")
        elif self.column is None:
            said = _("{file} line {line}: (empty): {reason}")
        elif value is None:
            said = _("{file} line {line}, column {column}: {reason}")
        elif value:
            # Translators: {column} is the file's own column name; {value} is the cell as the
            # file has it, in quotes.
            said = _("{file} line {line}, column {column}: {value}: {reason}")
        else:
            said = _("{file} line {line}, column {column}: (empty): {reason}")
        return said.format(
            file=file_name,
            line=self.line,
            column=self.column,
            value=repr(value),
            reason=self.reason,
        )


class CsvRefused(ValueError):
    """The file was refused as a whole; nothing from it was taken."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.describe(_("the file")) for p in problems))


def guard(value: str) -> str:
    """Prefix a `'` to a cell a spreadsheet would run as a formula.

    A cell that already starts with `'` followed by a formula character or another `'` gets one
    too, so that `unguard` (which removes exactly one) gives back what was written.
    """
    if value.startswith(FORMULA_STARTS) or (
        value.startswith(_GUARD) and value[1:2] and value[1:2] in (*FORMULA_STARTS, _GUARD)
    ):
        return _GUARD + value
    return value


def unguard(cell: str) -> str:
    if cell.startswith(_GUARD) and cell[1:2] and cell[1:2] in (*FORMULA_STARTS, _GUARD):
        return cell[1:]
    return cell


def format_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")  # no exponents; the reader wants digits
    return text


def write_diary_csv(nights: Iterable[Night]) -> str:
    """Every column, nights in date order, empty cells for what was not recorded. An entry with
    nothing recorded at all (older versions could save one) carries nothing and is left out."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(COLUMNS)
    for night in sorted(nights, key=lambda n: n.date):
        if not night.is_empty:
            writer.writerow(guard(cell) for cell in _cells(night))
    return buffer.getvalue()


def _cells(night: Night) -> list[str]:
    def whole(value: int | None) -> str:
        return "" if value is None else str(value)

    return [
        night.date.isoformat(),
        "" if night.dose_mg is None else format_number(night.dose_mg),
        night.form or "",
        whole(night.symptom_severity),
        whole(night.sleep_quality),
        *(whole(night.grade(effect)) for effect in SIDE_EFFECTS),
        ";".join(flag for flag in RED_FLAG_IDS if RedFlag(flag) in night.red_flags),
        night.notes,
    ]


def read_diary_csv(data: bytes, today: date) -> list[Night]:
    """The nights in a diary file, or CsvRefused listing every problem in it."""
    text = _decode(data)
    rows = _rows(text)
    if not rows:
        raise CsvRefused(
            [
                CsvProblem(
                    _("the file is empty: it needs a header row with at least a date column"), 1
                )
            ]
        )
    header_line, header = rows[0]
    columns = _read_header(header, header_line)
    problems: list[CsvProblem] = []
    nights: list[Night] = []
    lines_by_date: dict[date, list[int]] = {}
    for line, row in rows[1:]:
        if len(row) != len(columns):
            problems.append(
                CsvProblem(
                    ngettext(
                        "this row has {cells} cell but the header has {columns}; check for a "
                        "missing or extra comma, or a stray quote",
                        "this row has {cells} cells but the header has {columns}; check for a "
                        "missing or extra comma, or a stray quote",
                        len(row),
                    ).format(cells=len(row), columns=len(columns)),
                    line,
                )
            )
            continue
        cells = dict(zip(columns, row, strict=True))
        fields, row_problems = _read_row(cells, line, today)
        problems += row_problems
        if row_problems:
            continue
        try:
            night = Night(**fields)
        except InvalidRecord as error:
            problems += [
                CsvProblem(why, line, name, cells.get(name)) for name, why in error.problems
            ]
            continue
        if night.is_empty:
            problems.append(
                CsvProblem(
                    _("this row holds only a date: record at least one value, or remove the row"),
                    line,
                    "date",
                    cells.get("date"),
                )
            )
            continue
        nights.append(night)
        lines_by_date.setdefault(night.date, []).append(line)
    for day, lines in lines_by_date.items():
        if len(lines) > 1:
            problems.append(
                CsvProblem(
                    _(
                        "{date} appears more than once (lines {lines}); keep one row per night"
                    ).format(date=language.listed_date(day), lines=", ".join(map(str, lines))),
                    lines[-1],
                    "date",
                    day.isoformat(),
                )
            )
    if problems:
        raise CsvRefused(sorted(problems, key=lambda p: (p.line or 0, _column_order(p.column))))
    return sorted(nights, key=lambda n: n.date)


def _column_order(column: str | None) -> int:
    return COLUMNS.index(column) if column in COLUMNS else len(COLUMNS)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvRefused(
            [
                CsvProblem(
                    # Translators: 'CSV UTF-8' is the file type as spreadsheets name it.
                    _("this is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8'"),
                    line,
                )
            ]
        ) from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Records with the line each starts on; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            raise CsvRefused(
                [
                    CsvProblem(
                        _(
                            "the file can't be read as CSV here ({error}); check the quotes "
                            "around this row"
                        ).format(error=error),
                        start,
                    )
                ]
            ) from None
        if row and any(cell != "" for cell in row):
            rows.append((start, row))


def _read_header(header: list[str], line: int) -> list[str]:
    columns = [ALIASES.get(name.strip().lower(), name.strip().lower()) for name in header]
    problems = []
    for raw, name in zip(header, columns, strict=True):
        if name not in COLUMNS:
            problems.append(
                CsvProblem(
                    # Translators: the column names (diarrhea, diarrhoea) are the file's own and
                    # stay as they are.
                    _(
                        "unknown column; the known columns are {columns} (diarrhea is accepted "
                        "for diarrhoea)"
                    ).format(columns=", ".join(COLUMNS)),
                    line,
                    value=raw,
                )
            )
    for name in dict.fromkeys(columns):
        if columns.count(name) > 1 and name in COLUMNS:
            problems.append(CsvProblem(_("this column appears more than once"), line, name))
    if "date" not in columns:
        problems.append(
            CsvProblem(_("the header has no date column; every row needs a date"), line)
        )
    if problems:
        raise CsvRefused(problems)
    return columns


def _read_row(
    cells: dict[str, str], line: int, today: date
) -> tuple[dict[str, Any], list[CsvProblem]]:
    """The row's cells read into Night's fields (text into numbers, dates, warning signs);
    what the values may be is Night's own check, made when the Night is built."""
    fields: dict[str, Any] = {}
    problems = []

    def refuse(column: str, raw: str, why: str) -> None:
        problems.append(CsvProblem(why, line, column, raw))

    for column, raw in cells.items():
        cell = unguard(raw)
        value = cell if column == "notes" else cell.strip()
        if column == "notes":
            fields["notes"] = value
        elif column == "date":
            day = _parse_date(value)
            if day is None:
                refuse(column, raw, _("not a real date; write it as YYYY-MM-DD, e.g. 2026-10-31"))
            elif day > today:
                refuse(
                    column,
                    raw,
                    # Translators: follows the date the file gives, as in "'2030-01-01': is
                    # after today (26 Nov 2026)".
                    _("is after today ({today})").format(today=language.listed_date(today)),
                )
            else:
                fields["date"] = day
        elif value == "":
            continue  # not recorded
        elif column != "red_flags" and column != "form" and len(value) > MAX_NUMBER_CHARS:
            refuse(
                column,
                raw,
                ngettext(
                    "too long for a number ({count} character)",
                    "too long for a number ({count} characters)",
                    len(value),
                ).format(count=len(value)),
            )
        elif column == "dose_mg":
            if "," in value and _NUMBER.fullmatch(value.replace(",", ".")):
                # Translators: in the file a dose is written with a dot, whatever the language.
                refuse(column, raw, _("use a dot for decimals, e.g. 62.5"))
            elif not _NUMBER.fullmatch(value):
                refuse(
                    column,
                    raw,
                    _("not a number of mg from 0 to {most}").format(
                        most=language.number(MAX_DOSE_MG)
                    ),
                )
            else:
                fields["dose_mg"] = float(value)
        elif column == "form":
            fields["form"] = value.lower()  # Night's own check names the forms it knows
        elif column == "red_flags":
            ids = [part.strip().lower() for part in value.split(";") if part.strip()]
            unknown = [part for part in ids if part not in RED_FLAG_IDS]
            if unknown:
                refuse(
                    column,
                    raw,
                    # Translators: the ids are the file's own words and stay as they are.
                    _("unknown warning sign {signs}; use ids from: {ids}, joined by ;").format(
                        signs=", ".join(unknown), ids=" ".join(RED_FLAG_IDS)
                    ),
                )
            else:
                fields["red_flags"] = frozenset(RedFlag(part) for part in ids)
        else:
            # Only the reading here; the range (0-10, 0-3) is Night's own check.
            top = 3 if column in SIDE_EFFECTS else 10
            if not _WHOLE.fullmatch(value):
                refuse(column, raw, not_whole_number(top, grades=top == 3))
            else:
                fields[column] = int(value)
    return fields, problems


def _parse_date(value: str) -> date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
