"""The plan: its bounds, the ceiling's approval, and switching region."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlstracker.domain.models import InvalidRecord
from rlstracker.domain.plan import Plan, Region, plan_field_problems

APPROVED = date(2026, 1, 5)
APPROVED_600 = {"ceiling_approved_on": APPROVED, "ceiling_approved_mg": 600}


def test_plan_defaults_follow_the_rules():
    plan = Plan()
    assert (plan.start_mg, plan.step_mg, plan.interval_nights, plan.ceiling_mg) == (100, 50, 7, 350)
    assert (plan.baseline_nights, plan.target_severity, plan.review_nights) == (7, 2, 28)
    assert Plan.for_region("eu").ceiling_mg == 250
    assert not plan.ceiling_approved


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"start_mg": 20}, "start_mg"),
        ({"start_mg": 201}, "start_mg"),
        ({"step_mg": 101}, "step_mg"),
        ({"step_mg": 24}, "step_mg"),
        ({"interval_nights": 3}, "interval_nights"),
        ({"interval_nights": 29}, "interval_nights"),
        ({"interval_nights": 7.5}, "interval_nights"),
        ({"ceiling_mg": 400}, "ceiling_mg"),
        ({"ceiling_mg": 300, "region": Region.EU}, "ceiling_mg"),
        (
            {"ceiling_mg": 1001, "ceiling_approved_on": APPROVED, "ceiling_approved_mg": 1001},
            "ceiling_mg",
        ),
        ({"baseline_nights": 29}, "baseline_nights"),
        ({"target_severity": 11}, "target_severity"),
        ({"review_nights": 13}, "review_nights"),
        ({"review_nights": 85}, "review_nights"),
        ({"start_mg": 200, "ceiling_mg": 150}, "start_mg"),
    ],
)
def test_plan_values_outside_their_bounds_are_refused(fields, field):
    with pytest.raises(InvalidRecord) as error:
        Plan(**fields)
    assert field in [name for name, _ in error.value.problems]
    assert field in [name for name, _ in plan_field_problems({**fields})]


def test_a_ceiling_above_the_limit_needs_the_ceilings_approval():
    assert Plan(ceiling_mg=600, **APPROVED_600).ceiling_mg == 600
    problems = plan_field_problems({"ceiling_mg": 600})
    assert "approval" in problems[0][1]


def test_withdrawing_the_approval_lowers_a_higher_ceiling_to_the_limit():
    plan = Plan(ceiling_mg=600, **APPROVED_600).without_ceiling_approval()
    assert (plan.ceiling_mg, plan.ceiling_approved) == (350, False)
    lower = Plan(ceiling_mg=300, **APPROVED_600).without_ceiling_approval()
    assert lower.ceiling_mg == 300


def test_approval_is_dated():
    plan = Plan().with_ceiling_approval(APPROVED, 500)
    assert (plan.ceiling_approved_on, plan.ceiling_approved_mg, plan.ceiling_mg) == (
        APPROVED,
        500,
        500,
    )


def test_an_approval_covers_its_own_ceiling_and_lower_not_a_higher_one():
    plan = Plan(ceiling_mg=400, ceiling_approved_on=APPROVED, ceiling_approved_mg=400)
    assert plan_field_problems({**plan.__dict__, "ceiling_mg": 300}) == []
    (problem,) = plan_field_problems({**plan.__dict__, "ceiling_mg": 600})
    assert "approved a ceiling of 400 mg" in problem[1]
    again = plan.with_ceiling_approval(date(2026, 3, 1), 600)
    assert (again.ceiling_mg, again.ceiling_approved_on) == (600, date(2026, 3, 1))


def test_a_us_plan_at_300_switched_to_eu_and_back_ends_at_250():
    plan = Plan(ceiling_mg=300)
    there = plan.with_region("eu")
    back = there.with_region("us")
    assert (there.ceiling_mg, back.ceiling_mg) == (250, 250)


def test_switching_region_lowers_even_an_approved_ceiling_and_changes_nothing_else():
    plan = Plan(ceiling_mg=600, step_mg=25, **APPROVED_600)
    switched = plan.with_region("eu")
    assert (switched.ceiling_mg, switched.ceiling_approved_on, switched.step_mg) == (
        250,
        APPROVED,
        25,
    )


@given(
    st.integers(1, 40).map(lambda n: n * 25),
    st.sampled_from(list(Region)),
    st.lists(st.sampled_from(list(Region)), max_size=6),
)
def test_switching_region_never_raises_the_ceiling(ceiling, region, switches):
    approved = ceiling > region.limit_mg
    plan = Plan(
        start_mg=25,
        ceiling_mg=ceiling,
        region=region,
        ceiling_approved_on=APPROVED if approved else None,
        ceiling_approved_mg=ceiling if approved else None,
    )
    for target in switches:
        before = plan.ceiling_mg
        plan = plan.with_region(target)
        assert plan.ceiling_mg <= before
        assert plan.ceiling_mg <= max(target.limit_mg, 0) or plan.ceiling_approved
