"""Dose steps, tolerated doses, the baseline comparison and the rolling mean."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rlstracker.domain import analysis
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from tests.domain.builders import BASELINE, D0, change, night, run, then


def test_dose_steps_split_at_each_change_with_the_baseline_first():
    history = then(BASELINE, *[100] * 7, *[150] * 5)
    steps = analysis.dose_steps(history)
    assert [(s.dose_mg, s.night_count) for s in steps] == [(0, 7), (100, 7), (150, 5)]
    assert steps[1].first_date == D0 + timedelta(days=7)
    assert steps[1].last_date == D0 + timedelta(days=13)


def test_a_forgotten_night_is_missed_adherence_not_a_new_step():
    history = then(BASELINE, 100, 100, 0, 100, 100)
    steps = analysis.dose_steps(history)
    assert [(s.dose_mg, s.night_count) for s in steps] == [(0, 7), (100, 5)]
    assert steps[1].taken_nights == 4
    assert steps[1].adherence == pytest.approx(0.8)


def test_a_longer_pause_is_its_own_step():
    history = then(BASELINE, 100, 100, 0, 0, 0, 100)
    assert [s.dose_mg for s in analysis.dose_steps(history)] == [0, 100, 0, 100]


def test_nights_without_a_recorded_dose_stay_in_their_step():
    history = then(BASELINE, 100, None, 100)
    steps = analysis.dose_steps(history)
    assert steps[1].night_count == 3
    assert steps[1].adherence == 1.0


def test_step_severity_leaves_out_the_first_three_nights():
    history = then(BASELINE, 100, 100, 100, severity=9)
    history = then(history, 100, 100, 100, 100, severity=3)
    step = analysis.dose_steps(history)[1]
    assert step.settled_severities == [3, 3, 3, 3]
    assert step.mean_severity == 3
    assert step.median_severity == 3


def test_median_severity_with_an_even_count():
    history = [night(D0 + timedelta(days=i), 100, s) for i, s in enumerate([9, 9, 9, 2, 4, 6, 8])]
    assert analysis.dose_steps(history)[0].median_severity == 5


def test_a_step_of_three_nights_has_no_settled_severity():
    step = analysis.dose_steps(run(200, 200, 200))[0]
    assert step.mean_severity is None and step.median_severity is None


def test_side_effect_nights_by_worst_grade():
    history = then(BASELINE, 100, 100, 100, 100)
    history = change(
        change(change(history, -1, diarrhoea=1, nausea=2), -2, drowsiness=1), -3, stomach_cramps=3
    )
    assert analysis.dose_steps(history)[1].side_effect_nights == {1: 1, 2: 1, 3: 1}


def test_guide_limits_give_the_highest_tolerated_dose_and_the_cap():
    history = change(then(BASELINE, *[100] * 3, *[150] * 3, *[200] * 3), -1, diarrhoea=2)
    limits = analysis.guide_limits(history, Plan())
    assert limits.highest_tolerated == 150
    assert limits.cap is not None and limits.cap.dose_mg == 200
    assert analysis.guide_limits([], Plan()) == analysis.GuideLimits(None, None)


def test_baseline_comparison():
    history = then(BASELINE, *[100] * 20, severity=2)
    comparison = analysis.compare_with_baseline(history)
    assert comparison.baseline_mean == 6
    assert comparison.baseline_count == 7
    assert comparison.recent_count == 14
    assert comparison.improvement == 4


def test_baseline_comparison_without_a_baseline():
    comparison = analysis.compare_with_baseline(run(100, 100, 100))
    assert comparison.baseline_mean is None
    assert comparison.improvement is None


def test_baseline_ends_at_the_first_dose():
    history = then(then(BASELINE, 100), 0, 0, severity=1)
    assert len(analysis.baseline_nights(history)) == 7


def test_rolling_mean_over_seven_calendar_nights():
    history = run(*[0] * 10, severity=None)
    history = [Night(date=n.date, dose_mg=0, symptom_severity=i) for i, n in enumerate(history)]
    points = analysis.rolling_mean_severity(history)
    assert [p.count for p in points] == [1, 2, 3, 4, 5, 6, 7, 7, 7, 7]
    assert points[6].mean == pytest.approx(3.0)  # 0..6
    assert points[9].mean == pytest.approx(6.0)  # 3..9


def test_rolling_mean_skips_missing_nights_rather_than_counting_zeros():
    history = [
        Night(date=D0, symptom_severity=8),
        Night(date=D0 + timedelta(days=5), symptom_severity=4),
        Night(date=D0 + timedelta(days=6), symptom_severity=None),
        Night(date=D0 + timedelta(days=9), symptom_severity=2),
    ]
    points = analysis.rolling_mean_severity(history)
    assert [(p.count, p.mean) for p in points] == [(1, 8), (2, 6), (2, 3)]


def test_empty_diary_gives_empty_analysis():
    assert analysis.dose_steps([]) == []
    assert analysis.rolling_mean_severity([]) == []


# Which nights belong to the baseline period (a new entry there starts at 0 mg)


def days(first, last) -> set:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def test_every_night_of_the_baseline_so_far_is_a_baseline_night_not_only_the_last_two():
    recorded = [night(D0 + timedelta(days=i), 0, 6) for i in (0, 1, 3)]  # day 2 not yet written
    tonight = D0 + timedelta(days=4)
    found = analysis.baseline_dates(recorded, tonight, baseline_nights=7, tonight_too=True)
    assert D0 + timedelta(days=2) in found  # filled in later: still a baseline night
    # A diary just begun: a baseline's length back from tonight, tonight included.
    assert found == days(tonight - timedelta(days=6), tonight)


def test_the_baseline_ends_with_the_first_dose_taken():
    recorded = [night(D0 + timedelta(days=i), 0, 6) for i in range(8)]
    recorded += run(100, 100, start=D0 + timedelta(days=10))
    tonight = D0 + timedelta(days=12)
    found = analysis.baseline_dates(recorded, tonight, baseline_nights=7, tonight_too=False)
    assert found == days(D0, D0 + timedelta(days=9))  # days 8 and 9 missing, before the dose
    assert tonight not in found


def test_with_the_baseline_done_tonight_is_for_the_first_dose_but_the_nights_before_are_not():
    recorded = [night(D0 + timedelta(days=i), 0, 6) for i in range(7)]
    tonight = D0 + timedelta(days=8)
    found = analysis.baseline_dates(recorded, tonight, baseline_nights=7, tonight_too=False)
    assert tonight not in found
    assert found == days(D0, tonight - timedelta(days=1))


def test_an_empty_diary_without_a_baseline_planned_has_no_baseline_nights():
    assert analysis.baseline_dates([], D0, baseline_nights=0, tonight_too=False) == frozenset()
