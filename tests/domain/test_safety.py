"""Safety answers with no defaults, their dates, and what a clearance lifts."""

from __future__ import annotations

from datetime import date

import pytest

from rlstracker.domain.models import InvalidRecord, Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import (
    NO_ANSWERS,
    AgeGroup,
    Clearance,
    Concern,
    Kidney,
    Medicine,
    cleared,
    concerns,
    new_clearance,
    safety_status,
    timing_advice,
)
from tests.domain.builders import SAFE, safe_answers

TODAY = date(2026, 3, 10)


def test_there_are_no_default_answers():
    assert NO_ANSWERS.unanswered == ("kidney", "heart_block", "pregnant", "age_group", "medicines")
    assert not NO_ANSWERS.any_answered
    assert safety_status(NO_ANSWERS, [], Plan(), TODAY).consult


def test_giving_answers_dates_them_and_confirms_them():
    answers = NO_ANSWERS.with_answers(
        TODAY,
        kidney=Kidney.NONE,
        heart_block=False,
        pregnant=False,
        age_group=AgeGroup.ADULT,
        medicines=frozenset(),
    )
    assert (answers.answered_on, answers.confirmed_on) == (TODAY, TODAY)


def test_giving_the_same_answers_again_only_confirms_them():
    again = SAFE.with_answers(TODAY, kidney=Kidney.NONE)
    assert (again.answered_on, again.confirmed_on) == (SAFE.answered_on, TODAY)
    changed = SAFE.with_answers(TODAY, kidney=Kidney.SOME)
    assert changed.answered_on == TODAY


def test_an_unknown_question_is_refused():
    with pytest.raises(InvalidRecord):
        SAFE.with_answers(TODAY, favourite_colour="blue")


@pytest.mark.parametrize(
    "answers, concern",
    [
        (safe_answers(kidney=Kidney.SEVERE), Concern.SEVERE_KIDNEY),
        (safe_answers(kidney=Kidney.SOME), Concern.SOME_KIDNEY),
        (safe_answers(heart_block=True), Concern.HEART),
        (safe_answers(pregnant=True), Concern.PREGNANT),
        (safe_answers(age_group=AgeGroup.UNDER_18), Concern.UNDER_18),
        (safe_answers(age_group=AgeGroup.OLDER), Concern.OLDER),
        (
            safe_answers(medicines=frozenset({Medicine.IRON, Medicine.PPI})),
            Concern.MEDICINES,
        ),
    ],
)
def test_each_answer_that_needs_a_clinician_first(answers, concern):
    assert concerns(answers) == (concern,)


def test_the_yearly_confirmation_is_never_lifted_by_a_clearance():
    answers = safe_answers(on=date(2025, 3, 1))
    clearance = Clearance(date(2025, 3, 9), date(2025, 3, 9))
    assert not safety_status(answers, [clearance], Plan(), date(2026, 3, 1)).stale
    status = safety_status(answers, [clearance], Plan(), date(2026, 3, 2))
    assert status.stale and status.consult


def test_a_clearance_covers_only_signs_already_in_the_diary_before_its_date():
    signed = Night(date=date(2026, 3, 1), dose_mg=100, red_flags={RedFlag.FAINTING})
    later = Night(date=date(2026, 3, 5), dose_mg=100, red_flags={RedFlag.CONFUSION})
    clearance = new_clearance(date(2026, 3, 3), TODAY, "Dr Ames", [signed, later])
    assert clearance.covers == {(date(2026, 3, 1), RedFlag.FAINTING)}
    assert cleared(signed, [clearance]) and not cleared(later, [clearance])
    added = Night(
        date=date(2026, 3, 1), dose_mg=100, red_flags={RedFlag.FAINTING, RedFlag.CONFUSION}
    )
    assert not cleared(added, [clearance])  # a sign added to the night afterwards


def test_a_clearance_is_never_dated_after_today():
    with pytest.raises(InvalidRecord, match="after today"):
        new_clearance(date(2026, 3, 11), TODAY, "", [])


def test_timing_advice_names_where_the_gabapentin_advice_comes_from():
    answers = safe_answers(medicines=frozenset({Medicine.GABAPENTIN, Medicine.IRON}))
    advice = " ".join(timing_advice(answers))
    assert "antacids" in advice and "3 to 4 hours" in advice
