"""The words of the rules: nights for the guide, dose of a night, breaks, runs, tolerance, cap."""

from __future__ import annotations

from datetime import timedelta

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.history import History
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan
from tests.domain.builders import BASELINE, after, change, then

PLAN = Plan()
ANY_DOSE = Ladder()


def history(nights, tonight=None, plan=PLAN, ladder=ANY_DOSE) -> History:
    return History(nights, tonight or after(nights), plan, ladder)


def test_entries_holding_only_a_note_are_no_nights_for_the_rules():
    nights = [*BASELINE, Night(date=after(BASELINE), notes="long drive")]
    assert len(history(nights).nights) == 7


def test_the_dose_of_a_night_with_no_dose_recorded_is_the_current_dose_then():
    nights = then(BASELINE, 100, None, 150, None)
    h = history(nights)
    assert [h.dose_of(n) for n in h.nights[-4:]] == [100, 100, 150, 150]
    assert h.current_dose == 150


def test_a_break_is_14_days_without_a_dose():
    nights = then(BASELINE, 100, 100)
    assert not history(nights, after(nights) + timedelta(days=12)).on_break
    assert history(nights, after(nights) + timedelta(days=13)).on_break


def test_tolerance_is_judged_since_the_latest_past_break():
    before = then(BASELINE, *[100] * 4)
    later = [
        Night(date=after(before) + timedelta(days=30 + i), dose_mg=100, symptom_severity=5)
        for i in range(2)
    ]
    assert history(before).tolerated == [100]
    assert history(before + later).tolerated == []


def test_a_dose_reached_by_a_jump_is_never_tolerated():
    nights = then(BASELINE, *[100] * 3, *[250] * 10)
    assert history(nights).tolerated == [100]


def test_a_dose_reached_step_by_step_is_tolerated():
    nights = then(BASELINE, *[100] * 3, *[150] * 3, *[200] * 3)
    assert history(nights).tolerated == [100, 150, 200]


def test_a_unit_bigger_than_the_step_is_still_one_step():
    ladder = Ladder.of(Product("P", "citrate", 100, LabelBasis.ELEMENTAL))
    nights = then(BASELINE, *[100] * 3, *[200] * 3)
    assert history(nights, ladder=ladder).tolerated == [100, 200]


def test_a_warning_sign_at_a_dose_sets_the_cap_and_untolerates_it():
    nights = change(then(BASELINE, *[100] * 3, *[150] * 3), -1, red_flags={RedFlag.FAINTING})
    h = history(nights)
    assert h.cap is not None and h.cap.dose_mg == 150 and h.cap.what == "a warning sign"
    assert h.tolerated == [100]


def test_nights_without_magnesium_never_set_the_cap():
    assert history(change(BASELINE, -1, diarrhoea=3)).cap is None


def test_the_cap_is_forgotten_only_when_the_plan_is_reset():
    nights = then(then(BASELINE, 100, 100, diarrhoea=2), 100)
    assert history(nights).cap is not None
    reset = Plan(reset_on=nights[-1].date)
    assert history(nights, plan=reset).cap is None


def test_nights_at_a_dose_count_back_from_the_latest():
    nights = then(BASELINE, 100, 100, 150, 150, 0, 150, None, 150)
    assert len(history(nights).nights_at(150)) == 4
    assert len(history(nights).nights_at(100)) == 2


def test_usual_effects_are_those_half_the_baseline_showed():
    baseline = [n if i % 2 else change([n], 0, nausea=1)[0] for i, n in enumerate(BASELINE)]
    assert set(history(baseline).usual_effects()) == {"nausea"}
