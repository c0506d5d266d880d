"""The example diary tells the story the screenshots, report and benchmarks rely on."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from rlstracker.demo import DEMO_WEEKS, demo_diary
from rlstracker.domain import analysis
from rlstracker.domain.titration import Action, suggest

TODAY = date(2026, 11, 24)
DEMO = demo_diary(TODAY)


def test_covers_sixteen_weeks_up_to_yesterday_with_some_nights_missing():
    first, last = DEMO.nights[0].date, DEMO.nights[-1].date
    assert first == TODAY - timedelta(weeks=DEMO_WEEKS)
    assert last < TODAY
    calendar = (last - first).days + 1
    assert 0 < calendar - len(DEMO.nights) <= 10


def test_starts_with_a_baseline_week_then_steps_up_from_100mg_and_steps_back_once():
    steps = analysis.dose_steps(DEMO.nights)
    doses = [step.dose_mg for step in steps]
    assert doses[0] == 0 and steps[0].night_count == 7
    assert doses[1] == 100
    rising = doses[: doses.index(max(doses)) + 1]
    assert rising == sorted(rising)  # up, step by step
    backs = [(a, b) for a, b in itertools.pairwise(doses) if b < a]
    assert len(backs) == 1
    high = steps[doses.index(max(doses))]
    assert high.side_effect_nights[2] >= 1  # the moderate diarrhoea that caused it
    assert any("stools" in n.notes for n in high.nights)


def test_severity_is_noisy_but_improves():
    comparison = analysis.compare_with_baseline(DEMO.nights)
    assert comparison.improvement is not None and comparison.improvement >= 2
    severities = [n.symptom_severity for n in DEMO.nights if n.symptom_severity is not None]
    assert len(set(severities)) >= 5


def test_has_forgotten_doses_notes_and_an_unrecorded_field():
    after_start = [n for n in DEMO.nights if n.date > DEMO.nights[7].date]
    assert any(n.dose_mg == 0 and "Forgot" in n.notes for n in after_start)
    assert sum(1 for n in DEMO.nights if n.notes) >= 10
    assert any(n.sleep_quality is None for n in DEMO.nights)


def test_the_guide_agrees_with_every_dose_the_demo_person_took():
    for index, night in enumerate(DEMO.nights):
        tonight = suggest(DEMO.plan, DEMO.answers, DEMO.nights[:index], night.date, DEMO.product)
        assert night.dose_mg in (tonight.dose_mg, 0), night.date


def test_is_the_same_story_whatever_the_date():
    later = demo_diary(TODAY + timedelta(days=100))
    assert [n.dose_mg for n in later.nights] == [n.dose_mg for n in DEMO.nights]
    assert (
        suggest(later.plan, later.answers, later.nights, TODAY + timedelta(days=100)).action
        is suggest(DEMO.plan, DEMO.answers, DEMO.nights, TODAY).action
        is not Action.CONSULT
    )
