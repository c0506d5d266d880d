"""The titration guide (rules v2), rule by rule, in the order the rules are tried."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.models import SIDE_EFFECTS, Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import (
    AgeGroup,
    Clearance,
    Kidney,
    Medicine,
    SafetyAnswers,
    new_clearance,
)
from rlstracker.domain.titration import Action, Need, Suggestion, suggest
from tests.domain.builders import BASELINE, SAFE, after, change, run, safe_answers, then

DEFAULT_PLAN = Plan()


def advise(
    nights,
    plan: Plan = DEFAULT_PLAN,
    answers: SafetyAnswers | None = SAFE,
    tonight=None,
    product=None,
    clearances=(),
) -> Suggestion:
    return suggest(plan, answers, nights, tonight or after(nights), product, clearances)


def text(suggestion: Suggestion) -> str:
    return " ".join(suggestion.reasons)


def capsules(mg: float, unit: str = "capsule") -> Product:
    return Product(f"Magnesium {mg:g}", "citrate", mg, LabelBasis.ELEMENTAL, unit)


def cleared_on(day: date, nights, recorded_on: date | None = None) -> Clearance:
    return new_clearance(day, recorded_on or day, "", nights)


# A typical history: a baseline week, then 7 good nights at 100 mg.
AT_100 = then(BASELINE, *[100] * 7)
# 100 mg tolerated, then 7 good nights at 150 mg.
AT_150 = then(AT_100, *[150] * 7)


def test_a_typical_week_at_the_start_dose_goes_up_one_step():
    suggestion = advise(AT_100)
    assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.RAISE, 150, 15)


class TestRule1WarningSignLately:
    @pytest.mark.parametrize("flag", list(RedFlag))
    @pytest.mark.parametrize("nights_ago", [1, 2, 3])
    def test_a_sign_on_one_of_the_last_3_nights_stops_and_says_seek_help(self, flag, nights_ago):
        nights = change(AT_100, -nights_ago, red_flags={flag})
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.STOP, 0, 1)
        assert suggestion.seek_help
        assert "seek medical help now" in text(suggestion)
        assert Need.CLEARANCE in suggestion.needs

    def test_the_last_3_nights_are_the_latest_entries_however_far_apart(self):
        nights = change(AT_100, -3, red_flags={RedFlag.FAINTING})
        later = [dataclasses.replace(n, date=n.date + timedelta(days=9)) for n in nights[-2:]]
        suggestion = advise([*nights[:-2], *later])
        assert suggestion.rule == 1

    def test_nights_holding_only_a_note_do_not_push_a_sign_out_of_the_last_3(self):
        nights = change(AT_100, -1, red_flags={RedFlag.IRREGULAR_HEARTBEAT})
        notes = [
            Night(date=after(nights) + timedelta(days=i), notes="slept badly") for i in range(3)
        ]
        suggestion = advise(nights + notes)
        assert suggestion.rule == 1 and suggestion.seek_help

    def test_too_much_magnesium_is_said_only_when_magnesium_was_taken_around_the_sign(self):
        on_magnesium = advise(change(AT_100, -1, red_flags={RedFlag.MUSCLE_WEAKNESS}))
        assert "too much magnesium" in text(on_magnesium)
        before_any = advise(change(BASELINE, -1, red_flags={RedFlag.MUSCLE_WEAKNESS}))
        assert before_any.rule == 1
        assert "too much magnesium" not in text(before_any)

    def test_a_sign_with_severe_kidney_disease_says_seek_help_not_talk_to_your_clinician(self):
        answers = safe_answers(kidney=Kidney.SEVERE)
        suggestion = advise(change(AT_100, -1, red_flags={RedFlag.CONFUSION}), answers=answers)
        assert suggestion.rule == 1 and suggestion.seek_help

    def test_a_clearance_dated_after_the_sign_and_recorded_with_it_lifts_the_stop(self):
        nights = change(AT_100, -2, red_flags={RedFlag.FAINTING})
        clearance = cleared_on(nights[-1].date, nights)
        suggestion = advise(nights, clearances=[clearance])
        assert suggestion.action is not Action.STOP

    def test_a_clearance_dated_the_night_of_the_sign_does_not_lift_it(self):
        nights = change(AT_100, -1, red_flags={RedFlag.FAINTING})
        suggestion = advise(nights, clearances=[cleared_on(nights[-1].date, nights)])
        assert suggestion.rule == 1

    def test_a_sign_written_in_after_the_clearance_is_not_lifted_by_it(self):
        clearance = cleared_on(AT_100[-1].date, AT_100)  # recorded before the sign was there
        nights = change(AT_100, -2, red_flags={RedFlag.FAINTING})
        assert advise(nights, clearances=[clearance]).rule == 1


class TestRule2WarningSignHeld:
    def test_a_sign_four_nights_back_still_stops_until_a_clearance(self):
        nights = change(AT_100, -4, red_flags={RedFlag.FAINTING})
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.STOP, 0, 2)
        assert not suggestion.seek_help
        assert "until a clinician has said it is safe" in text(suggestion)
        assert Need.CLEARANCE in suggestion.needs

    def test_three_note_only_nights_after_a_sign_do_not_turn_it_into_a_raise(self):
        nights = change(AT_100, -1, red_flags={RedFlag.FAINTING})
        notes = [Night(date=after(nights) + timedelta(days=i), notes="fine") for i in range(3)]
        more = then(nights + notes, 100, 100, 100, 100)
        assert advise(more).rule == 2

    def test_months_later_the_sign_still_stops(self):
        nights = change(AT_100, -1, red_flags={RedFlag.BREATHING_DIFFICULTY})
        later = after(nights) + timedelta(days=200)
        suggestion = advise(nights, tonight=later, answers=safe_answers(on=later))
        assert suggestion.action is Action.STOP  # still the latest night: rule 1
        assert f"{nights[-1].date.year}" in text(suggestion)  # a date long ago carries its year

    def test_a_clearance_after_the_sign_lets_the_guide_go_on_at_a_lower_dose(self):
        nights = change(AT_150, -5, red_flags={RedFlag.FAINTING})
        clearance = cleared_on(after(nights), nights)
        suggestion = advise(nights, clearances=[clearance])
        assert suggestion.action is not Action.STOP
        # The sign's night set the cap at 150 mg: the guide stays a step below it.
        assert suggestion.dose_mg is not None and suggestion.dose_mg <= 100

    def test_a_warning_sign_comes_before_missing_safety_answers(self):
        nights = change(AT_100, -5, red_flags={RedFlag.CONFUSION})
        assert advise(nights, answers=None).rule == 2


class TestRule3Consult:
    def test_no_safety_answers_means_no_dose(self):
        suggestion = advise(AT_100, answers=None)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.CONSULT, None, 3)
        assert Need.ANSWERS in suggestion.needs
        assert suggestion.to_json()["warnings"]  # said in next-dose --json too

    @pytest.mark.parametrize(
        "missing", ["kidney", "heart_block", "pregnant", "age_group", "medicines"]
    )
    def test_any_unanswered_question_means_consult_naming_it(self, missing):
        answers = dataclasses.replace(SAFE, **{missing: None})
        suggestion = advise(AT_100, answers=answers)
        assert suggestion.action is Action.CONSULT
        assert "not answered" in text(suggestion)

    @pytest.mark.parametrize(
        "answers, words",
        [
            (safe_answers(kidney=Kidney.SEVERE), "severe kidney"),
            (safe_answers(kidney=Kidney.SOME), "kidney disease"),
            (safe_answers(heart_block=True), "heart"),
            (safe_answers(pregnant=True), "pregnant"),
            (safe_answers(age_group=AgeGroup.UNDER_18), "under 18"),
            (safe_answers(age_group=AgeGroup.OLDER), "65"),
            (
                safe_answers(medicines=frozenset({Medicine.IRON, Medicine.LEVOTHYROXINE})),
                "two or more medicines",
            ),
        ],
    )
    def test_an_answer_that_needs_a_clinician_first_consults(self, answers, words):
        suggestion = advise(AT_100, answers=answers)
        assert (suggestion.action, suggestion.dose_mg) == (Action.CONSULT, None)
        assert words in text(suggestion)
        assert Need.CLEARANCE in suggestion.needs

    def test_one_listed_medicine_and_other_medicines_do_not_need_a_clinician(self):
        answers = safe_answers(medicines=frozenset({Medicine.IRON, Medicine.OTHER}))
        assert advise(AT_100, answers=answers).action is Action.RAISE

    def test_a_clearance_dated_on_or_after_the_answers_lifts_the_consult(self):
        answers = safe_answers(age_group=AgeGroup.OLDER, on=date(2026, 2, 1))
        clearance = Clearance(date(2026, 2, 1), date(2026, 2, 1))
        assert advise(AT_100, answers=answers, clearances=[clearance]).action is Action.RAISE

    def test_a_clearance_dated_before_the_answers_does_not(self):
        answers = safe_answers(age_group=AgeGroup.OLDER, on=date(2026, 2, 1))
        clearance = Clearance(date(2026, 1, 31), date(2026, 2, 1))
        assert advise(AT_100, answers=answers, clearances=[clearance]).rule == 3

    def test_answers_changed_after_the_clearance_ask_for_a_clinician_again(self):
        clearance = Clearance(date(2026, 2, 1), date(2026, 2, 1))
        answers = safe_answers(age_group=AgeGroup.OLDER, on=date(2026, 2, 1)).with_answers(
            date(2026, 2, 20), medicines=frozenset({Medicine.IRON, Medicine.QUINOLONE})
        )
        assert advise(AT_100, answers=answers, clearances=[clearance]).rule == 3

    def test_answers_confirmed_more_than_a_year_ago_consult_even_with_a_clearance(self):
        old = safe_answers(on=date(2025, 3, 1))
        clearance = Clearance(date(2025, 3, 1), date(2025, 3, 1))
        suggestion = advise(AT_100, answers=old, clearances=[clearance])
        assert suggestion.rule == 3 and Need.CONFIRMATION in suggestion.needs
        assert "2025" in text(suggestion)

    def test_confirming_unchanged_answers_keeps_an_earlier_clearance_in_force(self):
        answers = safe_answers(age_group=AgeGroup.OLDER, on=date(2025, 3, 1))
        clearance = Clearance(date(2025, 3, 2), date(2025, 3, 2))
        confirmed = answers.confirmed(date(2026, 3, 1))
        assert confirmed.answered_on == date(2025, 3, 1)
        assert advise(AT_100, answers=confirmed, clearances=[clearance]).action is Action.RAISE

    def test_answers_from_an_older_version_are_asked_to_be_confirmed_once(self):
        migrated = dataclasses.replace(SAFE, confirmed_on=None)
        suggestion = advise(AT_100, answers=migrated)
        assert suggestion.rule == 3 and Need.CONFIRMATION in suggestion.needs
        assert advise(AT_100, answers=migrated.confirmed(D_CONFIRM)).action is Action.RAISE

    def test_strongest_reasons_cleared_keep_to_the_start_dose_until_the_ceiling_is_approved(self):
        answers = safe_answers(pregnant=True, on=date(2026, 2, 1))
        clearance = Clearance(date(2026, 2, 2), date(2026, 2, 2))
        held = advise(AT_100, answers=answers, clearances=[clearance])
        assert (held.action, held.dose_mg) == (Action.MAINTAIN, 100)
        assert "start dose" in " ".join(held.reasons + held.warnings)
        early = Plan().with_ceiling_approval(date(2026, 1, 15))  # before the answers
        assert advise(AT_100, early, answers, clearances=[clearance]).action is Action.MAINTAIN
        approved = Plan().with_ceiling_approval(date(2026, 2, 3))
        raised = advise(AT_100, approved, answers, clearances=[clearance])
        assert (raised.action, raised.dose_mg) == (Action.RAISE, 150)


D_CONFIRM = date(2026, 3, 1)


class TestRule4Resume:
    def test_one_forgotten_night_goes_on_with_the_same_dose(self):
        suggestion = advise(then(AT_150, 0))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.RESTART, 150, 4)
        assert text(suggestion) == "You missed last night's dose; go on with 150 mg."

    def test_two_forgotten_nights_say_so(self):
        suggestion = advise(then(AT_150, 0, 0))
        assert suggestion.dose_mg == 150 and "last 2 nights" in text(suggestion)

    def test_a_longer_pause_restarts_no_higher_than_the_last_dose_and_says_why(self):
        suggestion = advise(then(AT_150, 0, 0, 0, 0))
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 150)
        assert "since" in text(suggestion)

    def test_after_six_months_away_the_guide_restarts_at_the_start_dose(self):
        tonight = after(AT_150) + timedelta(days=190)
        suggestion = advise(AT_150, tonight=tonight, answers=safe_answers(on=tonight))
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 100)
        assert "break" in text(suggestion)
        assert f"{AT_150[-1].date.year}" in text(suggestion)

    def test_a_forgotten_night_after_going_down_from_300_to_150_restarts_at_150(self):
        nights = then(BASELINE, *[100] * 7, *[150] * 7, *[200] * 7, *[250] * 7, *[300] * 7)
        nights = then(nights, 150, 150, 0)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 150)

    def test_a_side_effect_in_the_last_2_nights_keeps_the_pause(self):
        nights = then(AT_150, 0, diarrhoea=1)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.STOP, 0, 4)

    def test_after_a_break_an_old_side_effect_does_not_keep_the_pause(self):
        nights = then(AT_150, 0, diarrhoea=1)
        tonight = after(nights) + timedelta(days=20)
        suggestion = advise(nights, tonight=tonight)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 100)

    def test_restart_after_moderate_side_effects_goes_below_the_cap(self):
        nights = then(AT_150, 200, 200, 200, diarrhoea=2)
        nights = then(nights, 0, 0, 0)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 150)
        assert "missed" not in text(suggestion)

    def test_no_missed_wording_when_a_moderate_side_effect_came_just_before_the_pause(self):
        nights = then(then(then(AT_150, 200, diarrhoea=2), 150), 0)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RESTART, 150)
        assert "missed" not in text(suggestion)
        assert "the dose you took last" in text(suggestion)


class TestRule5Severe:
    @pytest.mark.parametrize("effect", SIDE_EFFECTS)
    def test_a_severe_side_effect_in_the_last_2_nights_stops(self, effect):
        suggestion = advise(change(AT_150, -2, **{effect: 3}))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.STOP, 0, 5)
        assert "usually a day or two" in text(suggestion)

    def test_severe_drowsiness_on_a_night_with_no_dose_recorded_stops(self):
        suggestion = advise(then(AT_150, None, drowsiness=3))
        assert suggestion.rule == 5

    def test_a_day_or_two_is_not_promised_for_a_night_long_past(self):
        nights = change(AT_150, -1, diarrhoea=3)
        later = [dataclasses.replace(nights[-1], date=nights[-1].date)]
        suggestion = advise(nights[:-1] + later, tonight=after(nights) + timedelta(days=9))
        assert suggestion.action is Action.STOP
        assert "usually a day or two" not in text(suggestion)


class TestRule6Moderate:
    def test_moderate_diarrhoea_steps_back_to_the_highest_tolerated_dose(self):
        suggestion = advise(then(AT_150, 200, 200, diarrhoea=2))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.STEP_BACK,
            150,
            6,
        )
        assert "Go back to 150 mg" in text(suggestion)

    def test_a_first_dose_of_500_mg_with_moderate_diarrhoea_steps_back_to_the_start_dose(self):
        plan = Plan().with_ceiling_approval(date(2026, 1, 1), 600)
        suggestion = advise(then(BASELINE, 500, diarrhoea=2), plan)
        assert (suggestion.action, suggestion.dose_mg) == (Action.STEP_BACK, 100)

    def test_a_moderate_night_two_nights_back_at_the_dose_still_steps_back(self):
        nights = then(then(AT_150, 200, stomach_cramps=2), 200)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.STEP_BACK,
            150,
            6,
        )

    def test_a_moderate_night_three_nights_back_is_left_to_the_cap(self):
        nights = then(then(AT_150, 200, stomach_cramps=2), 200, 200)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.rule) == (Action.STEP_BACK, 7)

    def test_no_lower_step_stops_and_suggests_another_form(self):
        plan = Plan(start_mg=50)
        suggestion = advise(then(BASELINE, 50, nausea=2), plan)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.STOP, 0, 6)
        assert "another form" in text(suggestion)

    def test_moderate_drowsiness_counts_like_the_others(self):
        assert advise(then(AT_150, 200, drowsiness=2)).rule == 6

    def test_after_stepping_back_the_same_night_does_not_step_back_again(self):
        nights = then(then(AT_150, 200, diarrhoea=2), 150)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.HOLD, 150, 8)

    def test_a_moderate_night_with_no_dose_recorded_is_at_the_current_dose(self):
        suggestion = advise(then(AT_150, 200, None, nausea=2))
        assert suggestion.rule == 6 and suggestion.dose_mg == 150


class TestRule7TooHigh:
    def test_taking_300_when_200_was_suggested_steps_back(self):
        nights = then(AT_150, 300)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.STEP_BACK,
            150,
            7,
        )
        assert "one step at a time" in text(suggestion)

    def test_a_dose_kept_after_a_jump_never_becomes_tolerated(self):
        nights = then(AT_100, *[300] * 10)
        assert advise(nights).rule == 7

    def test_above_the_ceiling_steps_back_to_the_highest_tolerated_under_it(self):
        plan = Plan(ceiling_mg=150)
        nights = then(AT_150, 200)
        plan_lower = dataclasses.replace(plan, ceiling_mg=150)
        suggestion = advise(nights, plan_lower)
        assert (suggestion.action, suggestion.dose_mg) == (Action.STEP_BACK, 150)
        assert "ceiling" in text(suggestion)

    def test_moderate_drowsiness_four_nights_back_is_followed_by_a_step_back_not_a_raise(self):
        nights = change(then(AT_100, *[150] * 8), -4, drowsiness=2)
        suggestion = advise(nights)
        assert suggestion.action is Action.STEP_BACK and suggestion.dose_mg == 100

    def test_nothing_tolerated_yet_and_above_the_start_dose_steps_back_to_it(self):
        suggestion = advise(then(BASELINE, 200))
        assert (suggestion.action, suggestion.dose_mg) == (Action.STEP_BACK, 100)


class TestRule8SideEffects:
    @pytest.mark.parametrize("nights_ago", [1, 2, 3])
    def test_a_mild_side_effect_in_the_last_3_nights_holds(self, nights_ago):
        suggestion = advise(change(AT_100, -nights_ago, nausea=1))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.HOLD, 100, 8)

    def test_mild_drowsiness_four_nights_back_no_longer_holds(self):
        assert advise(change(AT_100, -4, drowsiness=1)).action is Action.RAISE

    def test_a_mild_effect_usual_before_magnesium_does_not_hold_and_says_why(self):
        baseline = [dataclasses.replace(n, drowsiness=1) for n in BASELINE[:4]] + BASELINE[4:]
        nights = change(then(baseline, *[100] * 7), -1, drowsiness=1)
        suggestion = advise(nights)
        assert suggestion.action is Action.RAISE
        assert "usual state" in text(suggestion)

    def test_a_mild_effect_seldom_seen_before_magnesium_still_holds(self):
        baseline = [dataclasses.replace(n, drowsiness=1) for n in BASELINE[:3]] + BASELINE[3:]
        nights = change(then(baseline, *[100] * 7), -1, drowsiness=1)
        assert advise(nights).rule == 8


class TestRule9Baseline:
    def test_fewer_baseline_nights_than_planned_asks_for_more(self):
        suggestion = advise(BASELINE[:3])
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.BASELINE, 0, 9)
        assert "4 more nights" in text(suggestion)

    def test_nights_without_symptoms_recorded_are_no_baseline(self):
        nights = [dataclasses.replace(n, symptom_severity=None) for n in BASELINE[:3]] + BASELINE[
            3:
        ]
        assert "3 more nights" in text(advise(nights))

    def test_an_empty_diary_starts_with_the_baseline(self):
        suggestion = suggest(DEFAULT_PLAN, SAFE, [], date(2026, 3, 1))
        assert "7 more nights" in text(suggestion)


class TestRule10Start:
    def test_after_the_baseline_start_at_the_start_dose_with_the_evening_meal(self):
        suggestion = advise(BASELINE)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.START, 100, 10)
        assert "evening meal" in " ".join(suggestion.advice)

    def test_a_baseline_of_zero_nights_starts_at_once(self):
        suggestion = suggest(Plan(baseline_nights=0), SAFE, [], date(2026, 3, 1))
        assert suggestion.action is Action.START

    def test_a_moderate_upset_before_any_magnesium_waits(self):
        suggestion = advise(change(BASELINE, -1, diarrhoea=2))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.BASELINE, 0, 10)
        assert "settled" in text(suggestion)

    def test_a_tablet_bigger_than_the_start_dose_stops_and_says_why(self):
        product = capsules(301, "tablet")
        suggestion = advise(BASELINE, product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.STOP, 0)
        assert "301 mg" in text(suggestion) and "lower-strength product" in text(suggestion)

    def test_a_unit_above_the_ceiling_is_never_started(self):
        plan = Plan.for_region("eu")
        product = Product("Mag 260", "oxide", 260, LabelBasis.ELEMENTAL, "tablet")
        suggestion = advise(BASELINE, Plan(start_mg=200, ceiling_mg=250), product=product)
        assert suggestion.action is Action.STOP
        assert advise(BASELINE, plan, product=product).action is Action.STOP

    def test_the_start_dose_is_rounded_down_to_whole_units(self):
        suggestion = advise(BASELINE, product=capsules(75))
        assert (suggestion.dose_mg, suggestion.units_text) == (75, "1 capsule = 75 mg")
        assert "nearest below" in text(suggestion)


class TestRule11NotYet:
    def test_fewer_nights_than_the_interval_holds(self):
        suggestion = advise(then(BASELINE, 100, 100))
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (Action.HOLD, 100, 11)
        assert "5 more nights" in text(suggestion)

    def test_a_side_effect_not_recorded_holds(self):
        suggestion = advise(change(AT_100, -5, diarrhoea=None))
        assert suggestion.rule == 11 and "not recorded" in text(suggestion)

    def test_symptoms_on_fewer_than_4_of_the_last_7_nights_hold(self):
        nights = AT_100[:-7] + [
            dataclasses.replace(n, symptom_severity=None if i < 4 else 5)
            for i, n in enumerate(AT_100[-7:])
        ]
        suggestion = advise(nights)
        assert suggestion.rule == 11 and "3 of the last 7" in text(suggestion)

    def test_one_or_two_forgotten_nights_neither_count_nor_end_the_run(self):
        nights = then(BASELINE, 100, 100, 100, 0, 0, 100, 100, 100, 100)
        assert advise(nights).action is Action.RAISE

    def test_three_forgotten_nights_end_the_run(self):
        nights = then(BASELINE, 100, 100, 100, 100, 0, 0, 0, 100, 100, 100)
        assert advise(nights).rule == 11

    def test_nights_14_days_apart_end_the_run(self):
        first = then(BASELINE, 100, 100, 100, 100)
        rest = [
            dataclasses.replace(n, date=n.date + timedelta(days=14)) for n in then(first, 100)[-1:]
        ]
        nights = first + rest
        nights = then(nights, 100, 100)
        suggestion = advise(nights)
        assert suggestion.rule == 11

    def test_a_night_with_no_dose_recorded_neither_counts_nor_ends_the_run(self):
        nights = then(BASELINE, 100, 100, 100, None, 100, 100, 100)
        assert advise(nights).rule == 11  # 6 nights at 100 mg, not 7
        assert advise(then(nights, 100)).action is Action.RAISE


class TestRule12Worse:
    def test_two_points_worse_than_before_magnesium_maintains_and_asks_for_a_review(self):
        nights = then(BASELINE, *[100] * 7, severity=8)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.MAINTAIN,
            100,
            12,
        )
        assert suggestion.review
        assert "worse than before magnesium" in text(suggestion)

    def test_three_points_worse_is_never_called_little_change(self):
        nights = then(BASELINE, *[100] * 30, severity=9)
        suggestion = advise(nights)
        assert "little change" not in text(suggestion) and suggestion.review


class TestRule13Controlled:
    def test_symptoms_at_or_below_the_target_maintain(self):
        nights = then(BASELINE, *[100] * 7, severity=2)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.MAINTAIN,
            100,
            13,
        )
        assert not suggestion.review

    def test_after_the_review_period_the_comparison_is_said_honestly(self):
        better = advise(then(BASELINE, *[100] * 28, severity=2))
        assert "better by 4.0 points" in text(better) and not better.review
        plan = Plan(target_severity=6)
        same = advise(then(BASELINE, *[100] * 28, severity=6), plan)
        assert "about the same" in text(same) and same.review
        assert "not prove" in text(same)

    def test_no_baseline_asks_for_a_review(self):
        plan = Plan(baseline_nights=0)
        nights = run(*[100] * 28, severity=1)
        suggestion = advise(nights, plan)
        assert suggestion.review and "no baseline" in text(suggestion)


class TestRule14NoStepUp:
    def test_at_the_plan_ceiling_maintains(self):
        plan = Plan(ceiling_mg=150)
        suggestion = advise(AT_150, plan)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.MAINTAIN,
            150,
            14,
        )
        assert "your ceiling of 150 mg" in text(suggestion)

    def test_one_step_below_the_cap_maintains_and_names_it(self):
        nights = then(then(AT_150, 200, diarrhoea=2), *[150] * 8)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.dose_mg, suggestion.rule) == (
            Action.MAINTAIN,
            150,
            14,
        )
        assert "200 mg, which brought moderate diarrhoea" in text(suggestion)

    def test_a_unit_more_than_two_steps_up_maintains(self):
        product = capsules(125)
        nights = then(BASELINE, *[125] * 7)
        plan = Plan(start_mg=125, step_mg=50)
        suggestion = advise(nights, plan, product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.MAINTAIN, 125)
        assert "two steps" in text(suggestion)


class TestRule15Raise:
    def test_raise_is_one_step(self):
        suggestion = advise(AT_150)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RAISE, 200)
        assert "one step up, to 200 mg" in text(suggestion)

    def test_with_100_mg_capsules_and_50_mg_steps_the_dose_moves_one_capsule(self):
        product = capsules(100)
        suggestion = advise(AT_100, product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RAISE, 200)
        assert suggestion.units_text == "2 capsules = 200 mg"
        assert suggestion.to_json()["units"] == {"count": 2, "unit": "capsule"}

    def test_a_ladder_dose_is_exactly_what_the_units_give(self):
        product = Product("Citrate 500", "citrate", 500, LabelBasis.COMPOUND, "tablet")
        nights = then(BASELINE, *[81] * 7)
        suggestion = advise(nights, product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.RAISE, 162)
        assert suggestion.units_text == "2 tablets = 162 mg"

    def test_the_ceiling_is_checked_with_the_top_of_a_carbonate_range(self):
        product = Product("Carbonate 500", "carbonate", 500, LabelBasis.COMPOUND, "tablet")
        # By formula 144 mg a tablet; up to 225 mg. Two tablets (288, up to 450) don't fit 350.
        nights = then(BASELINE, *[144] * 7)
        plan = Plan(start_mg=150)
        suggestion = advise(nights, plan, product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.MAINTAIN, 144)
        assert "up to 225 mg" in (suggestion.units_text or "")

    def test_an_amount_typed_by_hand_off_the_ladder_holds_the_ladder_dose_below_it(self):
        product = capsules(70.5)
        nights = then(BASELINE, 100, 100)
        suggestion = advise(nights, Plan(), product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.HOLD, 70.5)
        assert "not a whole number of capsules" in text(suggestion)

    def test_a_label_figure_rounded_by_hand_is_recognised(self):
        product = capsules(70.5)
        nights = then(BASELINE, *[141] * 2)
        suggestion = advise(nights, Plan(start_mg=150), product=product)
        assert (suggestion.action, suggestion.dose_mg) == (Action.HOLD, 141)


class TestWhatEverySuggestionCarries:
    def test_next_dose_json_has_exactly_the_interface_keys(self):
        suggestion = advise(AT_100, product=capsules(50))
        shown = suggestion.to_json()
        assert list(shown) == [
            "date",
            "action",
            "dose_mg",
            "units",
            "reasons",
            "warnings",
            "seek_help",
            "review",
        ]
        assert shown["dose_mg"] == 150 and shown["units"] == {"count": 3, "unit": "capsule"}
        json.dumps(shown)

    def test_units_are_null_without_a_product(self):
        assert advise(AT_100).to_json()["units"] is None

    def test_timing_advice_follows_the_medicines_but_only_with_a_dose(self):
        answers = safe_answers(medicines=frozenset({Medicine.GABAPENTIN}))
        with_dose = advise(AT_100, answers=answers)
        assert any("gabapentin" in line for line in with_dose.advice)
        assert any("antacids" in line for line in with_dose.advice)
        baseline = advise(BASELINE[:2], answers=answers)
        assert not baseline.advice

    def test_cautions_are_warnings(self):
        answers = safe_answers(medicines=frozenset({Medicine.DIURETIC}))
        assert any("Water tablets" in w for w in advise(AT_100, answers=answers).warnings)

    def test_the_same_history_always_gives_the_same_answer(self):
        tonight = after(AT_150)
        assert advise(AT_150, tonight=tonight) == advise(AT_150[::-1], tonight=tonight)

    def test_tonights_own_dose_is_not_a_night_past(self):
        suggestion = advise(AT_100, tonight=AT_100[-1].date)
        assert (suggestion.action, suggestion.rule) == (Action.HOLD, 11)

    def test_a_warning_sign_on_tonights_own_entry_stops_at_once(self):
        nights = change(AT_100, -1, red_flags={RedFlag.FAINTING})
        suggestion = advise(nights, tonight=nights[-1].date)
        assert (suggestion.action, suggestion.rule, suggestion.seek_help) == (Action.STOP, 1, True)

    def test_a_severe_side_effect_on_tonights_own_entry_stops(self):
        nights = change(AT_150, -1, diarrhoea=3)
        assert advise(nights, tonight=nights[-1].date).rule == 5


class TestWordsThatMatch:
    """Each reason says the real why (from an attack on the rules v2 in real use)."""

    def test_usual_state_counts_every_baseline_night_not_the_latest_14(self):
        early = run(*[0] * 14, severity=6)
        late = then(early, *[0] * 14, severity=6)
        late = [
            dataclasses.replace(n, nausea=1) if i % 2 and i >= 14 else n for i, n in enumerate(late)
        ]
        nights = change(then(late, *[100] * 10), -3, nausea=1)
        suggestion = advise(nights)
        assert (suggestion.action, suggestion.rule) == (Action.HOLD, 8)

    def test_a_varying_form_below_the_ceiling_is_not_called_above_it(self):
        product = Product("Carb", "carbonate", 1000, LabelBasis.COMPOUND, "tablet")
        suggestion = advise(then(BASELINE, *[288] * 10), product=product)
        assert suggestion.action is Action.STOP  # not one tablet fits under 350 mg
        assert "may hold up to 450 mg" in text(suggestion)
        assert "288 mg is above" not in text(suggestion)

    def test_a_lower_restart_because_of_whole_units_says_so(self):
        product = capsules(81, "tablet")
        nights = then(BASELINE, *[100] * 7, *[150] * 7, 0, 0)
        suggestion = advise(nights, product=product)
        assert suggestion.action is Action.RESTART
        assert "In whole tablets" in text(suggestion)
        assert "ceiling" not in text(suggestion)

    def test_a_missed_dose_days_ago_is_named_by_its_date(self):
        nights = then(BASELINE, *[100] * 10)
        gap = Night(date=after(nights) + timedelta(days=1), dose_mg=0, symptom_severity=5)
        suggestion = advise([*nights, gap], tonight=gap.date + timedelta(days=5))
        assert "last night" not in text(suggestion)
        assert f"{gap.date.day} Mar" in text(suggestion)

    def test_nights_with_no_dose_after_a_forgotten_one_are_not_called_missed(self):
        nights = then(then(BASELINE, *[100] * 10), 0)
        nights = then(nights, None, None, None)
        assert "missed" not in text(advise(nights))

    def test_no_capsule_fitting_under_the_cap_names_the_cap(self):
        product = capsules(100)
        nights = then(then(then(BASELINE, 100, 100, 100), 100, diarrhoea=2), *[0] * 9)
        suggestion = advise(nights, product=product)
        assert suggestion.action is Action.STOP
        assert "more than your ceiling of 50 mg" in text(suggestion)
        assert "more than 0 mg" not in text(suggestion)

    def test_an_off_ladder_dose_counts_its_nights_again(self):
        product = capsules(81, "tablet")
        nights = then(BASELINE, *[100] * 17, *[150] * 3)
        suggestion = advise(nights, product=product)
        assert suggestion.dose_mg == 81
        assert "4 more nights" not in text(suggestion)
        assert "At 81 mg the guide counts 7 nights" in text(suggestion)

    def test_a_step_blocked_by_a_varying_forms_top_figure_says_so(self):
        product = Product("Carb", "carbonate", 300, LabelBasis.COMPOUND, "tablet")
        nights = then(BASELINE, *[172.8] * 8)
        suggestion = advise(nights, Plan(start_mg=200), product=product)
        assert suggestion.rule == 14
        assert "may hold up to 405 mg" in text(suggestion)

    def test_a_date_just_over_six_months_back_carries_its_year(self):
        from rlstracker.domain.wording import day_words

        assert day_words(date(2026, 1, 30), date(2026, 7, 31)) == "30 Jan 2026"
        assert day_words(date(2026, 1, 31), date(2026, 7, 31)) == "31 Jan"
