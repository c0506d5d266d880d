"""Invariants of the titration guide over many random histories."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.domain.models import (
    SIDE_EFFECTS,
    AgeGroup,
    Night,
    Plan,
    RedFlag,
    Region,
    Screening,
)
from rlstracker.domain.safety import consult_reasons
from rlstracker.domain.titration import Action, suggest

START = date(2026, 1, 1)

grades = st.one_of(st.none(), st.just(0), st.just(0), st.integers(0, 3))
doses = st.one_of(
    st.none(), st.sampled_from([0, 25, 50, 75, 100, 125, 150, 200, 250, 300, 350, 400, 600])
)


@st.composite
def nights(draw) -> list[Night]:
    count = draw(st.integers(0, 45))
    day = START
    found = []
    for _ in range(count):
        day += timedelta(days=draw(st.sampled_from([1, 1, 1, 1, 2, 5])))
        flags = (
            draw(st.frozensets(st.sampled_from(list(RedFlag)), max_size=2))
            if draw(st.integers(0, 30)) == 0
            else frozenset()
        )
        found.append(
            Night(
                date=day,
                dose_mg=draw(doses),
                symptom_severity=draw(st.one_of(st.none(), st.integers(0, 10))),
                red_flags=flags,
                **{effect: draw(grades) for effect in SIDE_EFFECTS},
            )
        )
    return found


@st.composite
def plans(draw) -> Plan:
    region = draw(st.sampled_from(list(Region)))
    approved = draw(st.booleans())
    ceiling = (
        draw(st.integers(1, 40)) * 25
        if approved
        else draw(st.integers(1, region.limit_mg // 25)) * 25
    )
    start = min(draw(st.integers(1, 14)) * 25, ceiling)
    reset = draw(st.one_of(st.none(), st.integers(0, 60)))
    return Plan(
        start_mg=start,
        step_mg=draw(st.sampled_from([25, 50, 75, 100])),
        interval_nights=draw(st.integers(3, 28)),
        ceiling_mg=ceiling,
        region=region,
        clinician_approved=approved,
        baseline_nights=draw(st.integers(0, 28)),
        target_severity=draw(st.integers(0, 10)),
        review_nights=draw(st.integers(14, 84)),
        reset_on=None if reset is None else START + timedelta(days=reset),
    )


screenings = st.one_of(
    st.none(),
    st.builds(
        Screening,
        severe_kidney_disease=st.booleans(),
        other_kidney_disease=st.booleans(),
        heart_block_or_slow_heart_rate=st.booleans(),
        pregnant_or_breastfeeding=st.booleans(),
        age_group=st.sampled_from(list(AgeGroup)),
    ),
)


def tonight_after(history: list[Night], extra: int) -> date:
    return (history[-1].date if history else START) + timedelta(days=1 + extra)


def cap_of(plan: Plan, history: list[Night]) -> float | None:
    doses = [
        n.dose_mg
        for n in history
        if n.dose_mg
        and (plan.reset_on is None or n.date >= plan.reset_on)
        and ((n.gi_grade or 0) >= 2 or n.worst_grade == 3)
    ]
    return min(doses) if doses else None


common = settings(max_examples=200, deadline=None)


@common
@given(plans(), screenings, nights(), st.integers(0, 2))
def test_never_above_the_ceiling_nor_at_or_above_the_intolerance_cap(
    plan, screening, history, extra
):
    suggestion = suggest(plan, screening, history, tonight_after(history, extra))
    if suggestion.dose_mg is None:
        return
    assert 0 <= suggestion.dose_mg <= plan.ceiling_mg
    cap = cap_of(plan, history)
    if cap is not None and suggestion.dose_mg > 0:
        assert suggestion.dose_mg < cap


@common
@given(plans(), screenings, nights())
def test_never_a_raise_after_a_moderate_or_severe_side_effect(plan, screening, history):
    suggestion = suggest(plan, screening, history, tonight_after(history, 0))
    if any((n.worst_grade or 0) >= 2 for n in history[-3:]):
        assert suggestion.action is not Action.RAISE


@common
@given(plans(), screenings, nights())
def test_a_recent_red_flag_always_stops(plan, screening, history):
    suggestion = suggest(plan, screening, history, tonight_after(history, 0))
    if any(n.red_flags for n in history[-3:]):
        assert suggestion.action in (Action.STOP, Action.CONSULT)
        assert suggestion.dose_mg in (0, None)
        if suggestion.action is Action.STOP:
            assert suggestion.seek_help


@common
@given(plans(), screenings, nights())
def test_consult_exactly_when_screening_rules_out_self_titration(plan, screening, history):
    suggestion = suggest(plan, screening, history, tonight_after(history, 0))
    expect = (
        screening is not None and bool(consult_reasons(screening)) and not (plan.clinician_approved)
    )
    assert (suggestion.action is Action.CONSULT) == expect
    assert (suggestion.dose_mg is None) == expect


@common
@given(plans(), screenings, nights(), st.randoms(use_true_random=False))
def test_same_history_same_answer_in_any_order(plan, screening, history, rng: random.Random):
    tonight = tonight_after(history, 0)
    shuffled = list(history)
    rng.shuffle(shuffled)
    assert suggest(plan, screening, shuffled, tonight) == suggest(plan, screening, history, tonight)


@common
@given(plans(), screenings, nights(), nights())
def test_nights_from_tonight_on_are_ignored(plan, screening, history, later):
    tonight = tonight_after(history, 0)
    shift = tonight - START
    future = [Night(date=n.date + shift, dose_mg=n.dose_mg) for n in later]
    assert suggest(plan, screening, history + future, tonight) == suggest(
        plan, screening, history, tonight
    )


@common
@given(plans(), screenings, nights())
def test_a_raise_goes_up_by_at_most_one_step(plan, screening, history):
    suggestion = suggest(plan, screening, history, tonight_after(history, 0))
    if suggestion.action is Action.RAISE:
        current = [n.dose_mg for n in history if n.dose_mg is not None][-1]
        assert current < suggestion.dose_mg <= current + plan.step_mg


@common
@given(plans(), screenings, nights())
def test_every_suggestion_gives_reasons(plan, screening, history):
    suggestion = suggest(plan, screening, history, tonight_after(history, 0))
    assert suggestion.reasons
    assert all(reason.strip() for reason in suggestion.reasons)
