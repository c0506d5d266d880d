"""Invariants of the titration guide (rules v2) over many random diaries.

Each property is checked against notions worked out here independently of the guide's own
code, so that a broken rule cannot pass by agreeing with itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.models import SIDE_EFFECTS, Night, RedFlag
from rlstracker.domain.plan import Plan, Region
from rlstracker.domain.safety import (
    AgeGroup,
    Clearance,
    Kidney,
    Medicine,
    SafetyAnswers,
    new_clearance,
    safety_status,
)
from rlstracker.domain.titration import Action, Suggestion, suggest

START = date(2026, 1, 1)
EXAMPLES = 150

grades = st.one_of(st.none(), st.just(0), st.just(0), st.just(0), st.integers(0, 3))
doses = st.one_of(
    st.none(),
    st.just(0),
    st.sampled_from([25, 50, 70.5, 75, 100, 125, 141, 150, 162, 200, 250, 300, 350, 400, 600]),
)
products = st.one_of(
    st.none(),
    st.builds(
        lambda mg, unit: Product(f"Mg {mg}", "citrate", mg, LabelBasis.ELEMENTAL, unit),
        st.sampled_from([25, 50, 70.5, 81, 100, 120, 162, 301]),
        st.sampled_from(["capsule", "tablet"]),
    ),
    st.just(Product("Carbonate 500", "carbonate", 500, LabelBasis.COMPOUND, "tablet")),
    st.just(Product("Citrate 500", "citrate", 500, LabelBasis.COMPOUND, "tablet")),
)


@st.composite
def diaries(draw) -> list[Night]:
    count = draw(st.integers(0, 50))
    day = START
    found = []
    for _ in range(count):
        day += timedelta(days=draw(st.sampled_from([1, 1, 1, 1, 1, 2, 3, 15, 40])))
        if draw(st.integers(0, 12)) == 0:
            found.append(Night(date=day, notes="only a note"))
            continue
        flags = (
            draw(st.frozensets(st.sampled_from(list(RedFlag)), min_size=1, max_size=2))
            if draw(st.integers(0, 40)) == 0
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
    top = 1000 if approved else region.limit_mg
    start = draw(st.sampled_from([25, 50, 75, 100, 150, 200]))
    ceiling = draw(st.integers(max(1, start // 25), top // 25)) * 25
    return Plan(
        start_mg=start,
        step_mg=draw(st.sampled_from([25, 50, 75, 100])),
        interval_nights=draw(st.integers(4, 10)),
        ceiling_mg=ceiling,
        region=region,
        ceiling_approved_on=START if approved else None,
        ceiling_approved_mg=ceiling if approved else None,
        baseline_nights=draw(st.integers(0, 7)),
        target_severity=draw(st.integers(0, 6)),
        review_nights=draw(st.integers(14, 30)),
    )


@st.composite
def answer_sets(draw) -> SafetyAnswers:
    def maybe(strategy):
        return draw(st.one_of(strategy, strategy, strategy, st.none()))

    return SafetyAnswers(
        kidney=maybe(st.sampled_from([Kidney.NONE, Kidney.NONE, Kidney.SOME, Kidney.SEVERE])),
        heart_block=maybe(st.sampled_from([False, False, True])),
        pregnant=maybe(st.sampled_from([False, False, True])),
        age_group=maybe(st.sampled_from([AgeGroup.ADULT, AgeGroup.ADULT, AgeGroup.OLDER])),
        medicines=maybe(st.frozensets(st.sampled_from(list(Medicine)), max_size=3)),
        answered_on=START,
        confirmed_on=draw(st.sampled_from([START, START, None])),
    )


@st.composite
def clearance_lists(draw, nights: list[Night]) -> list[Clearance]:
    found = []
    for _ in range(draw(st.integers(0, 2))):
        day = START + timedelta(days=draw(st.integers(0, 400)))
        recorded = day + timedelta(days=draw(st.integers(0, 30)))
        seen = [n for n in nights if n.date <= recorded]  # what the diary held when recorded
        found.append(new_clearance(day, recorded, "", seen))
    return found


@dataclass(frozen=True)
class Case:
    plan: Plan
    answers: SafetyAnswers
    nights: list[Night]
    tonight: date
    product: Product | None
    clearances: list[Clearance]

    def advise(self) -> Suggestion:
        return suggest(
            self.plan, self.answers, self.nights, self.tonight, self.product, self.clearances
        )

    @property
    def rule_nights(self) -> list[Night]:
        return _rule_nights(self.nights, self.tonight)


@st.composite
def cases(draw) -> Case:
    nights = draw(diaries())
    last = nights[-1].date if nights else START
    tonight = last + timedelta(days=draw(st.sampled_from([1, 1, 2, 20])))
    return Case(
        draw(plans()),
        draw(answer_sets()),
        nights,
        tonight,
        draw(products),
        draw(clearance_lists(nights)),
    )


def _rule_nights(nights: list[Night], tonight: date) -> list[Night]:
    def counts(n: Night) -> bool:
        return (
            n.dose_mg is not None
            or n.symptom_severity is not None
            or any(n.grade(e) is not None for e in SIDE_EFFECTS)
            or bool(n.red_flags)
        )

    return sorted((n for n in nights if n.date < tonight and counts(n)), key=lambda n: n.date)


def _doses_of_nights(nights: list[Night]) -> list[float | None]:
    found, current = [], None
    for n in nights:
        if n.dose_mg is not None:
            current = n.dose_mg
        found.append(current)
    return found


def _grade(n: Night) -> int:
    return max((n.grade(e) or 0) for e in SIDE_EFFECTS)


def _cap(plan: Plan, nights: list[Night]) -> float | None:
    troubled = [
        dose
        for n, dose in zip(nights, _doses_of_nights(nights), strict=True)
        if dose
        and (_grade(n) >= 2 or n.red_flags)
        and (plan.reset_on is None or n.date >= plan.reset_on)
    ]
    return min(troubled) if troubled else None


def _effective_ceiling(plan, answers, clearances, nights, tonight) -> float:
    ceiling = plan.ceiling_mg
    cap = _cap(plan, nights)
    if cap is not None:
        ceiling = min(ceiling, cap - plan.step_mg)
    if safety_status(answers, clearances, plan, tonight).start_dose_only:
        ceiling = min(ceiling, plan.start_mg)
    return ceiling


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_never_above_the_effective_ceiling_nor_at_or_above_the_cap(case: Case):
    suggestion = case.advise()
    if not suggestion.dose_mg:
        return
    ordered = case.rule_nights
    ceiling = _effective_ceiling(case.plan, case.answers, case.clearances, ordered, case.tonight)
    assert Ladder.of(case.product).upper(suggestion.dose_mg) <= ceiling + 1e-6
    cap = _cap(case.plan, ordered)
    assert cap is None or suggestion.dose_mg < cap


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_never_anything_but_stop_while_a_warning_sign_has_no_later_clearance(case: Case):
    uncleared = [
        n
        for n in case.rule_nights
        if n.red_flags
        and not any(
            c.date > n.date and all((n.date, f) in c.covers for f in n.red_flags)
            for c in case.clearances
        )
    ]
    if uncleared:
        suggestion = case.advise()
        assert (suggestion.action, suggestion.dose_mg) == (Action.STOP, 0)


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_never_a_dose_without_complete_confirmed_safety_answers(case: Case):
    if case.answers.unanswered or case.answers.confirmed_on is None:
        assert not case.advise().dose_mg


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_never_a_raise_after_a_moderate_or_severe_side_effect(case: Case):
    suggestion = case.advise()
    if suggestion.action is not Action.RAISE:
        return
    ordered = case.rule_nights
    assert all(_grade(n) < 2 for n in ordered[-3:])
    current = _doses_of_nights(ordered)[-1]
    assert current is not None
    at_current = [
        n for n, dose in zip(ordered, _doses_of_nights(ordered), strict=True) if dose == current
    ]
    assert all(_grade(n) < 2 and not n.red_flags for n in at_current)
    cap = _cap(case.plan, ordered)
    assert suggestion.dose_mg is not None and (cap is None or suggestion.dose_mg < cap)


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_a_suggested_dose_is_always_a_ladder_dose(case: Case):
    product = case.product
    suggestion = case.advise()
    if suggestion.dose_mg and product is not None:
        per_unit = product.elemental_mg_per_unit
        count = round(suggestion.dose_mg / per_unit)
        assert count >= 1
        assert abs(count * per_unit - suggestion.dose_mg) < 0.01
        assert suggestion.units is not None and suggestion.units.count == count


TARGET = re.compile(
    r"(?:Go back to|Go down to|go on with|[Rr]estart at|Stay at|Start at|one step up, to) "
    r"(\d+(?:\.\d+)?) mg"
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_no_reason_names_a_target_dose_other_than_the_suggested_one(case: Case):
    suggestion = case.advise()
    for reason in suggestion.reasons:
        for found in TARGET.findall(reason):
            assert float(found) == suggestion.dose_mg, reason


@settings(max_examples=100, deadline=None)
@given(cases())
def test_the_same_diary_in_any_order_gives_the_same_answer(case: Case):
    reordered = Case(
        case.plan, case.answers, case.nights[::-1], case.tonight, case.product, case.clearances
    )
    assert case.advise() == reordered.advise()
