"""The titration guide, rule by rule, in the order the rules are tried."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.models import AgeGroup, Medicine, Plan, RedFlag, Region, Screening
from rlstracker.domain.titration import Action, Suggestion, suggest
from tests.domain.builders import BASELINE, D0, after, change, night, run, then

SAFE = Screening()
DEFAULT_PLAN = Plan()


def advise(
    nights,
    plan: Plan = DEFAULT_PLAN,
    screening: Screening | None = SAFE,
    tonight=None,
    product=None,
) -> Suggestion:
    return suggest(plan, screening, nights, tonight or after(nights), product)


def text(suggestion: Suggestion) -> str:
    return " ".join(suggestion.reasons)


# A typical history: baseline week, then 7 good nights at 100 mg.
AT_100 = then(BASELINE, *[100] * 7)


class TestConsult:
    @pytest.mark.parametrize(
        "screening, words",
        [
            (Screening(severe_kidney_disease=True), "kidney"),
            (Screening(heart_block_or_slow_heart_rate=True), "heart"),
            (Screening(pregnant_or_breastfeeding=True), "pregnant"),
            (Screening(age_group=AgeGroup.UNDER_18), "under 18"),
        ],
    )
    def test_screening_reason_gives_consult_with_no_dose(self, screening, words):
        suggestion = advise(AT_100, screening=screening)
        assert suggestion.action is Action.CONSULT
        assert suggestion.dose_mg is None
        assert words in text(suggestion)
        assert "clinician" in text(suggestion)

    def test_clinician_approved_plan_lifts_consult(self):
        plan = Plan(clinician_approved=True)
        suggestion = advise(AT_100, plan, Screening(severe_kidney_disease=True))
        assert suggestion.action is Action.RAISE

    @pytest.mark.parametrize(
        "screening",
        [
            Screening(age_group=AgeGroup.OLDER),
            Screening(other_kidney_disease=True),
            Screening(medicines=frozenset({Medicine.IRON, Medicine.LEVOTHYROXINE})),
        ],
    )
    def test_cautions_do_not_stop_the_guide_but_are_said(self, screening):
        suggestion = advise(AT_100, screening=screening)
        assert suggestion.action is Action.RAISE
        assert any("clinician" in line or "pharmacist" in line for line in suggestion.advice)

    def test_consult_comes_before_a_red_flag(self):
        flagged = change(AT_100, -1, red_flags={RedFlag.CONFUSION})
        suggestion = advise(flagged, screening=Screening(pregnant_or_breastfeeding=True))
        assert suggestion.action is Action.CONSULT


class TestRedFlags:
    @pytest.mark.parametrize("flag", list(RedFlag))
    @pytest.mark.parametrize("nights_ago", [1, 2, 3])
    def test_red_flag_in_last_three_nights_stops_and_says_seek_help(self, flag, nights_ago):
        suggestion = advise(change(AT_100, -nights_ago, red_flags={flag}))
        assert suggestion.action is Action.STOP
        assert suggestion.dose_mg == 0
        assert suggestion.seek_help
        assert "seek medical help now" in text(suggestion)
        assert flag.label.lower() in text(suggestion)

    def test_red_flag_four_nights_ago_no_longer_stops(self):
        history = then(change(AT_100, -1, red_flags={RedFlag.FAINTING}), 0, 0, 0)
        suggestion = advise(history)
        assert suggestion.action is Action.RESTART
        assert not suggestion.seek_help
        assert "warning sign" in text(suggestion)  # and it says to restart only if a doctor agrees

    def test_red_flag_comes_before_a_severe_side_effect(self):
        history = change(AT_100, -1, red_flags={RedFlag.MUSCLE_WEAKNESS}, diarrhoea=3)
        assert advise(history).seek_help

    def test_nights_on_or_after_tonight_are_not_read(self):
        history = change(AT_100, -1, red_flags={RedFlag.CONFUSION})
        suggestion = advise(history, tonight=history[-1].date)
        assert suggestion.action is not Action.STOP


class TestSevereSideEffects:
    @pytest.mark.parametrize("effect", ["diarrhoea", "nausea", "stomach_cramps", "drowsiness"])
    @pytest.mark.parametrize("nights_ago", [1, 2])
    def test_grade_3_in_last_two_nights_stops(self, effect, nights_ago):
        suggestion = advise(change(AT_100, -nights_ago, **{effect: 3}))
        assert suggestion.action is Action.STOP
        assert suggestion.dose_mg == 0
        assert "severe" in text(suggestion)
        assert not suggestion.seek_help

    def test_grade_3_comes_before_a_moderate_step_back(self):
        history = change(change(AT_100, -1, diarrhoea=2), -2, nausea=3)
        assert advise(history).action is Action.STOP

    def test_grade_3_three_nights_ago_sets_the_cap_instead(self):
        history = then(change(then(BASELINE, *[100] * 7, *[150] * 3), -1, nausea=3), 0, 0)
        suggestion = advise(history)
        assert suggestion.action is Action.RESTART
        assert suggestion.dose_mg == 100  # the highest tolerated dose below the 150 that failed


class TestStepBack:
    def test_moderate_diarrhoea_steps_back_to_highest_tolerated_dose(self):
        history = change(then(AT_100, *[150] * 7, *[200] * 4), -1, diarrhoea=2)
        suggestion = advise(history)
        assert suggestion.action is Action.STEP_BACK
        assert suggestion.dose_mg == 150
        assert "moderate diarrhoea" in text(suggestion)

    def test_without_a_tolerated_dose_steps_back_one_step(self):
        history = change(then(BASELINE, 100, 100), -1, nausea=2)
        suggestion = advise(history)
        assert suggestion.action is Action.STEP_BACK
        assert suggestion.dose_mg == 50

    def test_at_the_lowest_step_stops_and_suggests_another_form(self):
        history = change(then(BASELINE, 50, 50), -2, stomach_cramps=2)
        suggestion = advise(history)
        assert suggestion.action is Action.STOP
        assert suggestion.dose_mg == 0
        assert "another form" in text(suggestion)

    def test_moderate_effect_on_a_night_with_no_dose_recorded_counts(self):
        history = then(AT_100, None, diarrhoea=2)
        assert advise(history).action is Action.STEP_BACK

    def test_moderate_effect_three_nights_ago_is_not_a_step_back(self):
        history = then(change(then(AT_100, *[150] * 7), -1, diarrhoea=2), 150, 150)
        suggestion = advise(history)
        assert suggestion.action is Action.STEP_BACK  # but from the cap, not rule 4
        assert suggestion.dose_mg == 100
        assert "not below 150 mg" in text(suggestion)

    def test_step_back_comes_before_a_mild_hold(self):
        history = change(change(then(AT_100, *[150] * 3), -1, diarrhoea=2), -2, drowsiness=1)
        assert advise(history).action is Action.STEP_BACK


class TestAfterAPause:
    def test_stays_paused_while_the_stomach_has_not_settled(self):
        history = then(change(then(AT_100, 150, 150), -1, diarrhoea=3), 0, diarrhoea=1)
        suggestion = advise(history)
        assert suggestion.action is Action.STOP
        assert "settled" in text(suggestion)

    def test_restarts_at_highest_tolerated_dose_below_the_cap(self):
        history = then(change(then(AT_100, *[150] * 7, 200), -1, diarrhoea=3), 0, 0)
        suggestion = advise(history)
        assert suggestion.action is Action.RESTART
        assert suggestion.dose_mg == 150

    def test_restart_without_tolerated_dose_is_start_or_below_the_cap(self):
        history = then(change(then(BASELINE, 100), -1, diarrhoea=3), 0, 0)
        suggestion = advise(history)
        assert suggestion.action is Action.RESTART
        assert suggestion.dose_mg == 50  # the start (100) caused it, so one step below

    def test_no_dose_left_below_the_cap_stops(self):
        history = then(change(then(BASELINE, 50), -1, nausea=3), 0, 0)
        suggestion = advise(history)
        assert suggestion.action is Action.STOP
        assert "another form" in text(suggestion)

    def test_a_forgotten_night_restarts_at_the_same_dose(self):
        suggestion = advise(then(AT_100, 0))
        assert suggestion.action is Action.RESTART
        assert suggestion.dose_mg == 100


class TestMildSideEffects:
    @pytest.mark.parametrize(
        "effect, grade",
        [
            ("diarrhoea", 1),
            ("nausea", 1),
            ("stomach_cramps", 1),
            ("drowsiness", 1),
            ("drowsiness", 2),
        ],
    )
    @pytest.mark.parametrize("nights_ago", [1, 2, 3])
    def test_mild_effect_in_last_three_nights_holds_even_when_due_to_raise(
        self, effect, grade, nights_ago
    ):
        suggestion = advise(change(AT_100, -nights_ago, **{effect: grade}))
        assert suggestion.action is Action.HOLD
        assert suggestion.dose_mg == 100
        assert "until it settles" in text(suggestion)

    def test_mild_effect_at_an_earlier_dose_does_not_hold(self):
        history = then(change(AT_100, -1, drowsiness=1), *[150] * 7)
        assert advise(history).action is Action.RAISE


class TestBaselineAndStart:
    def test_empty_diary_asks_for_baseline_nights(self):
        suggestion = suggest(Plan(), SAFE, [], D0)
        assert suggestion.action is Action.BASELINE
        assert suggestion.dose_mg == 0
        assert "7 more nights" in text(suggestion)

    def test_baseline_counts_only_nights_without_magnesium_with_severity(self):
        history = then(run(0, 0, 0), None, 0, severity=None)
        suggestion = advise(history)
        assert suggestion.action is Action.BASELINE
        assert "4 more nights" in text(suggestion)

    def test_after_the_baseline_starts_at_the_plan_start_dose(self):
        suggestion = advise(BASELINE, Plan(start_mg=75))
        assert suggestion.action is Action.START
        assert suggestion.dose_mg == 75
        assert "Take it with your evening meal." in suggestion.advice

    def test_no_baseline_in_the_plan_starts_at_once(self):
        suggestion = suggest(Plan(baseline_nights=0), SAFE, [], D0)
        assert suggestion.action is Action.START
        assert suggestion.dose_mg == 100


class TestHold:
    def test_fewer_nights_than_the_interval_holds_and_counts_down(self):
        suggestion = advise(then(BASELINE, 100, 100, 100))
        assert suggestion.action is Action.HOLD
        assert suggestion.dose_mg == 100
        assert "4 more nights at 100 mg" in text(suggestion)

    def test_interval_comes_from_the_plan(self):
        assert advise(then(BASELINE, *[100] * 4), Plan(interval_nights=4)).action is Action.RAISE

    def test_side_effects_not_recorded_hold(self):
        history = change(AT_100, -4, nausea=None)
        suggestion = advise(history)
        assert suggestion.action is Action.HOLD
        assert "not recorded" in text(suggestion)

    def test_a_forgotten_night_does_not_restart_the_count(self):
        history = then(BASELINE, 100, 100, 100, 0, 100, 100, 100, 100)
        assert advise(history).action is Action.RAISE

    def test_a_different_dose_restarts_the_count(self):
        history = then(BASELINE, 100, 100, 100, 100, 150, 150)
        suggestion = advise(history)
        assert suggestion.action is Action.HOLD
        assert "5 more nights at 150 mg" in text(suggestion)

    def test_nights_with_dose_not_recorded_neither_count_nor_break(self):
        history = then(BASELINE, 100, 100, 100, None, None, 100, 100)
        suggestion = advise(history)
        assert suggestion.action is Action.HOLD
        assert "2 more nights" in text(suggestion)


class TestMaintain:
    def test_controlled_symptoms_maintain(self):
        history = then(BASELINE, *[100] * 7, severity=2)
        suggestion = advise(history)
        assert suggestion.action is Action.MAINTAIN
        assert suggestion.dose_mg == 100
        assert "target of 2" in text(suggestion)

    def test_uses_only_the_last_seven_nights_at_the_dose(self):
        history = then(then(BASELINE, *[100] * 7, severity=9), *[100] * 7, severity=1)
        assert advise(history).action is Action.MAINTAIN

    def test_at_the_plan_ceiling_maintains(self):
        plan = Plan(ceiling_mg=250, region=Region.EU)
        history = then(BASELINE, *[250] * 7)
        suggestion = advise(history, plan)
        assert suggestion.action is Action.MAINTAIN
        assert "ceiling of 250 mg" in text(suggestion)

    def test_next_step_reaching_the_intolerance_cap_maintains(self):
        history = change(then(AT_100, *[150] * 7, *[200] * 3), -1, diarrhoea=2)
        history = then(history, *[150] * 7)
        suggestion = advise(history)
        assert suggestion.action is Action.MAINTAIN
        assert suggestion.dose_mg == 150
        assert "200 mg" in text(suggestion)

    def test_resetting_the_plan_forgets_the_cap(self):
        history = change(then(AT_100, *[150] * 7, *[200] * 3), -1, diarrhoea=2)
        history = then(history, *[150] * 7)
        plan = Plan(reset_on=history[-1].date)
        assert advise(history, plan).action is Action.RAISE


class TestReview:
    def test_little_change_after_the_review_period_raises_the_review_flag(self):
        history = then(BASELINE, *[100] * 28, severity=5)  # baseline 6, now 5
        suggestion = advise(history, Plan(ceiling_mg=100, start_mg=100))
        assert suggestion.action is Action.MAINTAIN
        assert suggestion.review
        assert "talk to your clinician" in text(suggestion)

    def test_clear_improvement_gives_no_review_flag_and_no_promise(self):
        history = then(BASELINE, *[100] * 28, severity=3)
        suggestion = advise(history, Plan(ceiling_mg=100, start_mg=100))
        assert suggestion.action is Action.MAINTAIN
        assert not suggestion.review
        assert "against 6.0 before magnesium" in text(suggestion)

    def test_no_baseline_raises_the_review_flag(self):
        history = run(*[100] * 28, severity=1)
        suggestion = advise(history, Plan(baseline_nights=0))
        assert suggestion.action is Action.MAINTAIN
        assert suggestion.review

    def test_before_the_review_period_no_flag(self):
        history = then(BASELINE, *[100] * 27, severity=5)
        suggestion = advise(history, Plan(ceiling_mg=100, start_mg=100))
        assert not suggestion.review


class TestRaise:
    def test_raise_one_step_after_the_interval_without_side_effects(self):
        suggestion = advise(AT_100)
        assert suggestion.action is Action.RAISE
        assert suggestion.dose_mg == 150
        assert "150 mg" in text(suggestion)

    def test_raise_stops_at_the_ceiling(self):
        history = then(BASELINE, *[325] * 7)
        suggestion = advise(history)
        assert suggestion.action is Action.RAISE
        assert suggestion.dose_mg == 350

    def test_raise_keeps_a_step_below_the_intolerance_cap(self):
        history = change(then(AT_100, *[200] * 3), -1, diarrhoea=2)  # cap 200
        history = then(history, *[100] * 7)
        suggestion = advise(history, Plan(step_mg=75))
        assert suggestion.action is Action.RAISE
        assert suggestion.dose_mg == 125  # min(100 + 75, 200 - 75): a whole step below the cap


class TestLimits:
    def test_a_dose_above_the_ceiling_is_stepped_back_to_it(self):
        history = then(BASELINE, *[400] * 7)
        suggestion = advise(history)
        assert suggestion.action is Action.STEP_BACK
        assert suggestion.dose_mg == 350
        assert "above your plan's ceiling" in text(suggestion)

    def test_units_are_whole_units_never_above_the_dose(self):
        product = Product("Caps", "glycinate", 60, LabelBasis.ELEMENTAL, "capsule")
        suggestion = advise(AT_100, product=product)
        assert suggestion.units_text is not None
        assert suggestion.units_text.startswith("2 capsules = 120 mg")

    def test_timing_advice_for_other_medicines_comes_with_a_dose(self):
        screening = Screening(medicines=frozenset({Medicine.LEVOTHYROXINE}))
        suggestion = advise(AT_100, screening=screening)
        assert any("4 hours" in line for line in suggestion.advice)

    def test_no_meal_reminder_when_no_dose(self):
        suggestion = advise(change(AT_100, -1, diarrhoea=3))
        assert not any("meal" in line for line in suggestion.advice)

    def test_unanswered_screening_is_mentioned(self):
        suggestion = advise(AT_100, screening=None)
        assert any("safety questions" in line for line in suggestion.advice)

    def test_json_has_exactly_the_documented_keys(self):
        data = advise(AT_100).to_json()
        assert data == {
            "date": after(AT_100).isoformat(),
            "action": "raise",
            "dose_mg": 150,
            "reasons": list(advise(AT_100).reasons),
            "review": False,
        }

    def test_tonight_far_in_the_future_reads_the_same_history(self):
        later = after(AT_100) + timedelta(days=30)
        assert advise(AT_100, tonight=later).action is Action.RAISE

    def test_same_date_twice_is_refused(self):
        with pytest.raises(ValueError, match="two diary entries"):
            suggest(Plan(), SAFE, [night(D0), night(D0)], date(2026, 4, 1))
