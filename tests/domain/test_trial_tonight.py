"""Tonight during a trial: the schedule answers, and every stop and step back of the guide
comes first (rules 1-7), pausing the trial; a blind trial's answers reveal nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.models import SIDE_EFFECTS, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import reminder_text
from rlstracker.domain.safety import NO_ANSWERS
from rlstracker.domain.titration import Action, suggest
from rlstracker.domain.trial import TrialDesign, guide, trial_offer, trial_suggestion, view
from rlstracker.domain.trial.tonight import SAFETY_ACTIONS
from tests.domain.builders import SAFE, night, safe_answers
from tests.domain.test_trial_periods import seed_for
from tests.domain.trial_sim import STEADY_MG, new_trial, next_day, simulate, steady_diary

DAY = timedelta(days=1)
BEFORE = steady_diary()
S = next_day(BEFORE)  # the trial's first night
PLAN = Plan()
PATTERN = "+--++--+"  # weeks 1, 4, 5, 8 on; a bridge on the first night of weeks 3 and 7
TRIAL = new_trial(S, seed_for(PATTERN))
TABLETS = Product("Mag 50", "citrate", 50, LabelBasis.ELEMENTAL, "tablet")


def lived(trial=TRIAL, until: date | None = None, severity=3) -> list:
    """The diary up to the evening `until`, every night taken as the schedule said."""
    nights = list(BEFORE)
    day = trial.first_night
    while day < (until or S):
        mg = view(trial, nights, day).magnesium_tonight()
        nights.append(night(day, STEADY_MG if mg or trial.sealed else 0, severity))
        day += DAY
    return nights


def tonight(nights, day, trial=TRIAL, plan=PLAN, answers=SAFE, product=None, clearances=()):
    g = guide(plan, answers, nights, product, clearances)
    return trial_suggestion(trial, g, day), suggest(plan, answers, nights, day, product, clearances)


def with_last(nights, **fields):
    return [*nights[:-1], dataclasses.replace(nights[-1], **fields)]


ON_NIGHT = S + 5 * DAY  # week 1, on
OFF_NIGHT = S + 10 * DAY  # week 2, off


# The schedule answers


def test_a_week_on_magnesium_answers_trial_on_with_the_steady_dose_in_units():
    answer, _ = tonight(lived(until=ON_NIGHT), ON_NIGHT, product=TABLETS)
    assert (answer.action, answer.dose_mg, answer.units.count) == (Action.TRIAL_ON, 200, 4)
    assert answer.units_text == "4 tablets = 200 mg"
    assert answer.reasons[0].startswith("Trial, week 1 of 8, night 6: magnesium this week")
    assert "Take it with your evening meal." in answer.advice
    assert answer.to_json()["action"] == "trial_on"


def test_a_week_without_answers_trial_off_with_no_magnesium():
    answer, _ = tonight(lived(until=OFF_NIGHT), OFF_NIGHT)
    assert (answer.action, answer.dose_mg, answer.to_json()["dose_mg"]) == (Action.TRIAL_OFF, 0, 0)
    assert "no magnesium this week" in answer.reasons[0]
    assert "Put 0 for magnesium" in answer.reasons[1]


def test_where_two_weeks_without_meet_their_first_night_has_one_dose():
    bridge = S + 14 * DAY
    answer, _ = tonight(lived(until=bridge), bridge)
    assert (answer.action, answer.dose_mg) == (Action.TRIAL_ON, 200)
    assert "except tonight" in answer.reasons[0] and "break" in answer.reasons[1]
    after, _ = tonight(lived(until=bridge + DAY), bridge + DAY)
    assert after.action is Action.TRIAL_OFF


def test_the_guides_warnings_stay_and_a_night_without_a_dose_is_asked_for():
    nights = with_last(lived(until=ON_NIGHT), dose_mg=None)
    answer, _ = tonight(nights, ON_NIGHT, answers=dataclasses.replace(SAFE, confirmed_on=None))
    assert answer.action is Action.CONSULT  # unconfirmed answers: the guide consults
    answer, _ = tonight(nights, ON_NIGHT)
    assert answer.action is Action.TRIAL_ON
    assert answer.warnings[0].startswith("Last night's magnesium is not in the diary")


def test_before_its_first_night_the_guide_answers_and_says_when_it_begins():
    later = new_trial(S + 2 * DAY, seed_for(PATTERN))
    answer, guide_answer = tonight(lived(until=S), S, trial=later)
    assert answer.action is guide_answer.action is Action.MAINTAIN
    assert answer.reasons[-1].startswith("Your trial begins on the evening of")


# Every stop and step back of the guide comes first


def paused(answer, guide_answer) -> None:
    assert (answer.action, answer.dose_mg, answer.seek_help, answer.needs) == (
        guide_answer.action,
        guide_answer.dose_mg,
        guide_answer.seek_help,
        guide_answer.needs,
    )
    assert answer.rule == guide_answer.rule
    assert "the trial pauses" in answer.reasons[-1]
    assert answer.reasons[:-1] == guide_answer.reasons


@pytest.mark.parametrize("day", [ON_NIGHT, OFF_NIGHT], ids=["on", "off"])
def test_rule_1_a_warning_sign_last_night_stops_and_seeks_help(day):
    nights = with_last(lived(until=day), red_flags={RedFlag.MUSCLE_WEAKNESS})
    answer, guide_answer = tonight(nights, day)
    assert guide_answer.rule == 1 and answer.seek_help and answer.dose_mg == 0
    paused(answer, guide_answer)


def test_rule_2_an_older_warning_sign_not_cleared_holds_the_stop():
    nights = lived(until=ON_NIGHT)
    nights[-5] = dataclasses.replace(nights[-5], red_flags={RedFlag.CONFUSION})
    answer, guide_answer = tonight(nights, ON_NIGHT)
    assert guide_answer.rule == 2 and answer.action is Action.STOP
    paused(answer, guide_answer)


@pytest.mark.parametrize(
    "answers",
    [NO_ANSWERS, safe_answers(on=date(2025, 1, 1)), safe_answers(kidney=None)],
    ids=["unanswered", "a year old", "one missing"],
)
def test_rule_3_consult_gives_no_dose(answers):
    answer, guide_answer = tonight(lived(until=ON_NIGHT), ON_NIGHT, answers=answers)
    assert guide_answer.rule == 3 and answer.dose_mg is None and answer.action is Action.CONSULT
    paused(answer, guide_answer)


def test_rule_4_a_side_effect_in_a_week_without_keeps_the_pause():
    nights = with_last(lived(until=OFF_NIGHT), nausea=1)
    answer, guide_answer = tonight(nights, OFF_NIGHT)
    assert (guide_answer.rule, guide_answer.action) == (4, Action.STOP)
    paused(answer, guide_answer)


@pytest.mark.parametrize("effect", SIDE_EFFECTS)
def test_rule_5_a_severe_side_effect_stops(effect):
    nights = with_last(lived(until=ON_NIGHT), **{effect: 3})
    answer, guide_answer = tonight(nights, ON_NIGHT)
    assert (guide_answer.rule, answer.action, answer.dose_mg) == (5, Action.STOP, 0)
    paused(answer, guide_answer)


@pytest.mark.parametrize("effect", SIDE_EFFECTS)
def test_rule_6_a_moderate_side_effect_steps_back(effect):
    nights = with_last(lived(until=ON_NIGHT), **{effect: 2})
    answer, guide_answer = tonight(nights, ON_NIGHT)
    assert (guide_answer.rule, answer.action, answer.dose_mg) == (6, Action.STEP_BACK, 150)
    paused(answer, guide_answer)


def test_rule_6_with_no_lower_step_stops():
    tablets = Product("Mag 100", "citrate", 100, LabelBasis.ELEMENTAL, "tablet")
    before = [
        night(BEFORE[0].date + k * DAY, 0 if k < 7 else 100, 6 if k < 7 else 2)
        for k in range(7 + 35)
    ]
    start = next_day(before)
    trial = new_trial(start, seed_for(PATTERN), dose=100)
    nights = [*before, night(start, 100, 3, diarrhoea=2)]
    answer, guide_answer = tonight(nights, start + DAY, trial=trial, product=tablets)
    assert (guide_answer.rule, answer.action, answer.dose_mg) == (6, Action.STOP, 0)
    paused(answer, guide_answer)


def test_rule_7_a_ceiling_lowered_below_the_trials_dose_steps_back():
    lowered = dataclasses.replace(PLAN, ceiling_mg=150)
    answer, guide_answer = tonight(lived(until=ON_NIGHT), ON_NIGHT, plan=lowered)
    assert (guide_answer.rule, answer.action, answer.dose_mg) == (7, Action.STEP_BACK, 150)
    paused(answer, guide_answer)


def test_after_a_moderate_side_effect_at_its_dose_the_next_week_on_stays_paused():
    """Grade 2 at 200 mg in week 1 sets the guide's cap: in week 4 the trial's dose is one the
    guide no longer gives, whatever it suggests instead."""
    nights = lived(until=S + 21 * DAY)
    nights[len(BEFORE) + 5] = dataclasses.replace(nights[len(BEFORE) + 5], diarrhoea=2)
    answer, guide_answer = tonight(nights, S + 21 * DAY)
    assert guide_answer.action not in SAFETY_ACTIONS  # the guide would restart lower
    assert answer.action is guide_answer.action and answer.dose_mg == guide_answer.dose_mg < 200
    assert "the trial pauses" in answer.reasons[-1] and "200 mg" in answer.reasons[-1]


# Blind: nothing on the person's screens tells which nights are which


BLIND = TrialDesign(blind=True)
BLIND_A = new_trial(S, seed_for("+-+-+-+-"), BLIND)
BLIND_B = new_trial(S, seed_for("-+-+-+-+"), BLIND)


def test_a_blind_night_says_only_to_take_the_capsules_from_the_box():
    nights = lived(BLIND_A, until=ON_NIGHT)
    on, _ = tonight(nights, ON_NIGHT, trial=BLIND_A)
    off, _ = tonight(nights, ON_NIGHT, trial=BLIND_B)
    assert view(BLIND_A, nights, ON_NIGHT).magnesium_tonight() is True
    assert view(BLIND_B, nights, ON_NIGHT).magnesium_tonight() is False
    assert on == off
    assert (on.action, on.dose_mg, on.units) == (Action.TRIAL_BLIND, None, None)
    assert on.to_json()["action"] == "trial_blind" and on.to_json()["dose_mg"] is None
    words = " ".join(on.reasons).lower()
    assert "from the box" in words and "no magnesium" not in words


@pytest.mark.parametrize(
    "fields", [{"diarrhoea": 2}, {"nausea": 3}, {"red_flags": {RedFlag.FAINTING}}, {"nausea": 1}]
)
def test_a_blind_pause_is_the_same_whatever_the_box_held(fields):
    nights = with_last(lived(BLIND_A, until=ON_NIGHT), **fields)
    on, guide_answer = tonight(nights, ON_NIGHT, trial=BLIND_A)
    off, _ = tonight(nights, ON_NIGHT, trial=BLIND_B)
    assert on == off
    if guide_answer.action in SAFETY_ACTIONS:
        paused(on, guide_answer)


# Property: over random trial diaries, a safety answer always wins


@st.composite
def trial_diaries(draw):
    nights = lived(until=S + 40 * DAY)
    for index in range(len(BEFORE), len(nights)):
        if draw(st.integers(0, 9)) == 0:
            effect = draw(st.sampled_from(SIDE_EFFECTS))
            nights[index] = dataclasses.replace(nights[index], **{effect: draw(st.integers(1, 3))})
        if draw(st.integers(0, 60)) == 0:
            nights[index] = dataclasses.replace(nights[index], red_flags={RedFlag.CONFUSION})
    blind = draw(st.booleans())
    trial = new_trial(S, draw(st.integers(0, 2**31 - 1)), TrialDesign(blind=blind))
    return nights, trial, S + draw(st.integers(0, 40)) * DAY


@settings(max_examples=150, deadline=None)
@given(trial_diaries())
def test_every_safety_answer_of_the_guide_overrides_the_schedule(case):
    nights, trial, day = case
    before_tonight = [n for n in nights if n.date < day]
    answer, guide_answer = tonight(before_tonight, day, trial=trial)
    if guide_answer.seek_help or guide_answer.action in SAFETY_ACTIONS:
        paused(answer, guide_answer)
    elif answer.action is Action.TRIAL_ON:
        g = guide(PLAN, SAFE, before_tonight).context(day)
        assert answer.dose_mg == 200 <= g.ceiling
        assert g.history.cap is None or g.history.cap.dose_mg > 200
    if answer.dose_mg:
        assert guide_answer.dose_mg and not guide_answer.seek_help


# The trial never makes the guide count a break, whatever the draw and design


@pytest.mark.parametrize(
    "design",
    [
        TrialDesign(),
        TrialDesign(pairs=6, period_nights=12),
        TrialDesign(pairs=3, period_nights=6),
        TrialDesign(period_nights=10, blind=True),
    ],
    ids=["default", "6x12", "3x6", "blind 4x10"],
)
def test_followed_night_by_night_with_the_guide_a_trial_runs_without_a_pause(design):
    """Every dose recorded (symptoms missing on a fifth of the nights): the bridges keep every
    stretch without magnesium short of the guide's break, so its rules never pause the trial."""
    for seed in range(6):
        result = simulate(
            seed, effect=2, design=design, follow_guide=True, missing=0.2, unrecorded=0
        )
        actions = {a.action for a in result.answers}
        assert actions <= {Action.TRIAL_ON, Action.TRIAL_OFF, Action.TRIAL_BLIND}, (seed, actions)
        assert result.view.state == "done"


# When a trial can start


def test_the_trial_is_offered_once_the_guide_has_held_the_dose_for_its_review_period():
    offer = trial_offer(guide(PLAN, SAFE, BEFORE), S)
    assert (offer.dose_mg, offer.recommended, offer.why_not) == (200, True, "")
    early = steady_diary(steady_nights=10)
    offer = trial_offer(guide(PLAN, SAFE, early), next_day(early))
    assert (offer.dose_mg, offer.recommended) == (200, False)  # from the menu only


def test_no_trial_while_the_guide_stops_or_a_dose_is_not_yet_tolerated():
    stopped = with_last(BEFORE, nausea=3)
    assert "safety rules come first" in trial_offer(guide(PLAN, SAFE, stopped), S).why_not
    two_nights = steady_diary(steady_nights=2)
    offer = trial_offer(guide(PLAN, SAFE, two_nights), next_day(two_nights))
    assert offer.dose_mg is None and "not suited you for long enough" in offer.why_not
    baseline = BEFORE[:7]
    offer = trial_offer(guide(PLAN, SAFE, baseline), next_day(baseline))
    assert offer.dose_mg is None and "taking" in offer.why_not


def test_the_evening_reminder_of_a_blind_trial_says_the_box_never_none():
    nights = lived(BLIND_A, until=ON_NIGHT)
    on, _ = tonight(nights, ON_NIGHT, trial=BLIND_A)
    title, _ = reminder_text(on)
    assert title == "Tonight: the capsules from your trial's box"
    off, _ = tonight(lived(until=OFF_NIGHT), OFF_NIGHT)
    assert reminder_text(off)[0] == "Tonight: no magnesium"


def test_a_week_short_of_nights_says_so_and_asks_for_last_nights_rating():
    nights = lived(until=S + 7 * DAY)
    nights[len(BEFORE) + 4] = dataclasses.replace(nights[len(BEFORE) + 4], symptom_severity=None)
    nights[-1] = dataclasses.replace(nights[-1], symptom_severity=None)  # not rated yet
    answer, _ = tonight(nights, S + 7 * DAY)
    assert answer.action is Action.TRIAL_ON  # week 1 goes on tonight
    text = " ".join(answer.reasons)
    assert "goes on one more night" in text and "Rate last night's symptoms first" in text
    rated = with_last(nights, symptom_severity=3)
    assert tonight(rated, S + 7 * DAY)[0].action is Action.TRIAL_OFF  # week 2 begins


# A break: the guide starts again, and the trial is over (tests/domain/test_trial_break.py)


@pytest.mark.parametrize("trial", [TRIAL, BLIND_A], ids=["open", "blind"])
def test_after_14_days_without_a_dose_the_guides_restart_stands_and_the_trial_has_stopped(trial):
    """Ten nights of the trial, then nothing recorded for three weeks: the guide counts a
    break and restarts at the start dose; the trial, stopped by the break, names nothing."""
    nights = lived(trial, until=S + 10 * DAY)
    day = S + 31 * DAY
    answer, guide_answer = tonight(nights, day, trial=trial)
    assert (guide_answer.action, guide_answer.dose_mg) == (Action.RESTART, 100)
    assert (answer.action, answer.dose_mg, answer.rule) == (Action.RESTART, 100, guide_answer.rule)
    assert answer.reasons[: len(guide_answer.reasons)] == guide_answer.reasons
    assert "Your trial stopped" in answer.reasons[-2] and "break" in answer.reasons[-2]
    assert reminder_text(answer)[0] == "Tonight: 100 mg"


def test_the_evening_reminder_during_a_trial_never_names_the_trials_dose_after_a_break():
    nights = lived(until=S + 10 * DAY)
    answer, _ = tonight(nights, S + 24 * DAY, product=TABLETS)
    assert reminder_text(answer)[0] == "Tonight: 100 mg — 2 tablets"
