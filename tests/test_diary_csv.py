"""The diary CSV: round trips byte for byte, and every kind of bad file is refused clearly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.diary_csv import (
    COLUMNS,
    CsvRefused,
    guard,
    read_diary_csv,
    unguard,
    write_diary_csv,
)
from rlstracker.domain.forms import FORM_IDS
from rlstracker.domain.models import SIDE_EFFECTS, Night, RedFlag

TODAY = date(2026, 11, 24)
HEADER = ",".join(COLUMNS)


def refused(text: str | bytes) -> list:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(CsvRefused) as error:
        read_diary_csv(data, TODAY)
    return error.value.problems


def one_problem(text: str | bytes):
    problems = refused(text)
    assert len(problems) == 1, problems
    return problems[0]


notes = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
) | st.sampled_from(
    [
        "=SUM(A1)",
        "+1",
        "-2",
        "@x",
        "\tx",
        "\rx",
        "'=x",
        "''",
        "'",
        "a,b",
        '"q"',
        "line\r\nbreak",
        "🦵🌙",
        "x" * 20_000,
    ]
)


@st.composite
def diaries(draw) -> list[Night]:
    """Diaries of nights that hold something (an entry with nothing at all is refused on import
    and left out on export)."""
    days = draw(st.lists(st.integers(0, 2000), unique=True, max_size=25))
    grade = st.one_of(st.none(), st.integers(0, 3))
    nights = [
        Night(
            date=TODAY - timedelta(days=day),
            dose_mg=draw(
                st.one_of(st.none(), st.integers(0, 1000), st.floats(0, 1000, allow_nan=False))
            ),
            form=draw(st.one_of(st.none(), st.sampled_from(FORM_IDS))),
            symptom_severity=draw(st.one_of(st.none(), st.integers(0, 10))),
            sleep_quality=draw(st.one_of(st.none(), st.integers(0, 10))),
            red_flags=draw(st.frozensets(st.sampled_from(list(RedFlag)))),
            notes=draw(notes),
            **{effect: draw(grade) for effect in SIDE_EFFECTS},
        )
        for day in days
    ]
    return [n for n in nights if not n.is_empty]


@settings(max_examples=150, deadline=None)
@given(diaries())
def test_export_import_export_gives_the_same_bytes(nights):
    exported = write_diary_csv(nights).encode("utf-8")
    imported = read_diary_csv(exported, TODAY)
    assert write_diary_csv(imported).encode("utf-8") == exported
    assert [n.notes for n in imported] == [n.notes for n in sorted(nights, key=lambda n: n.date)]


@settings(max_examples=300)
@given(notes)
def test_guard_then_unguard_gives_the_text_back(text):
    assert unguard(guard(text)) == text
    assert not guard(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_export_writes_every_column_in_date_order_with_formulas_guarded():
    nights = [
        Night(date=date(2026, 2, 2), dose_mg=150, notes='=HYPERLINK("x")'),
        Night(
            date=date(2026, 2, 1),
            dose_mg=62.5,
            diarrhoea=0,
            red_flags={RedFlag.CONFUSION, RedFlag.FAINTING},
        ),
    ]
    assert write_diary_csv(nights) == (
        f"{HEADER}\r\n"
        "2026-02-01,62.5,,,,0,,,,fainting;confusion,\r\n"
        '2026-02-02,150,,,,,,,,,"\'=HYPERLINK(""x"")"\r\n'
    )


def test_import_accepts_a_byte_order_mark_any_column_order_aliases_and_missing_columns():
    text = "\ufeffnotes,Diarrhea,date,dose_mg\r\nfine,1,2026-01-02,100\r\n\r\n,0,2026-01-01,\r\n"
    nights = read_diary_csv(text.encode("utf-8"), TODAY)
    assert nights == [
        Night(date=date(2026, 1, 1), diarrhoea=0),
        Night(date=date(2026, 1, 2), dose_mg=100, diarrhoea=1, notes="fine"),
    ]


def test_import_removes_exactly_one_guard():
    nights = read_diary_csv(b"date,notes\n2026-01-01,'=1+1\n2026-01-02,'tis\n", TODAY)
    assert [n.notes for n in nights] == ["=1+1", "'tis"]


def test_header_only_is_an_empty_diary():
    assert read_diary_csv(HEADER.encode(), TODAY) == []


@pytest.mark.parametrize(
    "row, column, words",
    [
        ("2026-02-30,100", "date", "not a real date"),
        ("01/02/2026,100", "date", "YYYY-MM-DD"),
        ("2026-11-25,100", "date", "after today"),
        (",100", "date", "not a real date"),
        ("2026-01-01,lots", "dose_mg", "not a number"),
        ('2026-01-01,"62,5"', "dose_mg", "use a dot"),
        ("2026-01-01,-5", "dose_mg", "not a number"),
        ("2026-01-01,1500", "dose_mg", "compound"),
        ("2026-01-01,1e3", "dose_mg", "not a number"),
        ("2026-01-01,nan", "dose_mg", "not a number"),
    ],
)
def test_bad_dates_and_doses_are_refused_naming_line_and_column(row, column, words):
    problem = one_problem(f"date,dose_mg\n2026-01-05,100\n{row}\n")
    assert (problem.line, problem.column) == (3, column)
    assert words in problem.reason


@pytest.mark.parametrize(
    "column, value, words",
    [
        ("symptom_severity", "11", "0 to 10"),
        ("symptom_severity", "2.5", "whole number"),
        ("sleep_quality", "-1", "whole number"),
        ("diarrhoea", "4", "0 none, 1 mild"),
        ("drowsiness", "mild", "whole number"),
        ("form", "kryptonite", "unknown form"),
        ("red_flags", "muscle_weakness;dizzy", "unknown warning sign dizzy"),
    ],
)
def test_bad_values_are_refused_with_the_reason(column, value, words):
    problem = one_problem(f"date,{column}\n2026-01-01,{value}\n")
    assert (problem.line, problem.column, problem.value) == (2, column, value)
    assert words in problem.reason


def test_every_bad_row_is_listed_not_just_the_first():
    problems = refused(
        "date,dose_mg,symptom_severity\n"
        "2026-01-01,100,5\n"
        "2026-01-02,abc,5\n"
        "2026-01-03,100,12\n"
        "2026-13-01,100,5\n"
        "2026-01-04,100,5\n"
    )
    assert [(p.line, p.column) for p in problems] == [
        (3, "dose_mg"),
        (4, "symptom_severity"),
        (5, "date"),
    ]


def test_line_numbers_count_physical_lines_across_multiline_notes():
    problem = one_problem('date,notes,nausea\n2026-01-01,"one\ntwo\nthree",0\n2026-01-02,x,9\n')
    assert problem.line == 5


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "empty"),
        ("\ufeff", "empty"),
        ("\n\n", "empty"),
        ("dose_mg,notes\n100,x\n", "no date column"),
        ("date,dose,notes\n2026-01-01,1,x\n", "unknown column"),
        ("date,notes,Notes\n2026-01-01,a,b\n", "more than once"),
        ("date,diarrhoea,diarrhea\n2026-01-01,1,1\n", "more than once"),
        ("date,notes\n2026-01-01,a,b\n", "3 cells but the header has 2"),
        ("date,notes,nausea\n2026-01-01,a\n", "2 cells but the header has 3"),
        ('date,notes\n2026-01-01,"unclosed\n', "quotes"),
        ('date,notes\n2026-01-01,"a"b\n', "quotes"),
        ("date,notes\n2026-01-01,a\x00b\n", "NUL"),
        ("date,notes\n2026-01-01,a\n2026-01-01,b\n", "more than once"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_reason(text, words):
    problems = refused(text)
    assert any(words in p.reason for p in problems), problems


def test_a_file_that_is_not_utf8_is_refused_naming_the_line():
    problem = one_problem("date,notes\n2026-01-01,ok\n2026-01-02,caf\xe9\n".encode("latin-1"))
    assert problem.line == 3
    assert "UTF-8" in problem.reason


def test_duplicate_dates_name_both_lines():
    problem = one_problem("date,dose_mg\n2026-01-01,100\n2026-01-02,100\n2026-01-01,150\n")
    assert "lines 2, 4" in problem.reason


def test_a_problem_describes_file_line_column_value_and_reason():
    problem = one_problem("date,dose_mg\n2026-01-01,1500\n")
    text = problem.describe("diary.csv")
    assert text.startswith("diary.csv line 2, column dose_mg: '1500':")
    assert "1000 mg" in text


def test_a_row_with_nothing_but_a_date_is_refused_with_its_line():
    data = b"date,dose_mg,notes\n2026-11-01,100,\n2026-11-02,,\n"
    with pytest.raises(CsvRefused) as refused:
        read_diary_csv(data, TODAY)
    (problem,) = refused.value.problems
    assert problem.line == 3 and "only a date" in problem.reason


def test_an_empty_entry_from_an_older_version_is_left_out_of_the_export():
    exported = write_diary_csv(
        [Night(date=TODAY), Night(date=TODAY - timedelta(days=1), notes="x")]
    )
    assert exported.count("\r\n") == 2  # the header and the night with a note
