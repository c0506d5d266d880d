"""The trial's periods as they happen: dates, counted nights, extensions, the stop, the reveal."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.domain.plan import Plan
from rlstracker.domain.trial import TrialDesign, advance, guide, trial_suggestion, view
from rlstracker.domain.trial.design import LONGEST_WITHOUT_NIGHTS, Condition, period_conditions
from rlstracker.domain.trial.periods import NightUse, stopped
from rlstracker.domain.trial.reveal import placebo_nights
from rlstracker.domain.trial.words import period_cells, schedule_json, state_line
from tests.domain.builders import SAFE, night
from tests.domain.trial_sim import STEADY_MG, new_trial

S = date(2026, 5, 4)  # the first night
DAY = timedelta(days=1)


def seed_for(pattern: str, pairs: int = 4) -> int:
    """A seed whose draw gives `pattern` ('+' on, '-' off, one per period)."""
    wanted = tuple(Condition.ON if c == "+" else Condition.OFF for c in pattern)
    return next(s for s in range(10_000) if period_conditions(s, pairs) == wanted)


def lived(trial, severity=4, skip=(), dose_for=None, unrated=()):
    """Every night of the planned schedule recorded as the schedule says, but `skip`; on the
    `unrated` nights the dose alone."""
    nights = []
    day = trial.first_night
    v = view(trial, nights, day)
    while day <= v.last_night:
        if day not in skip:
            mg = view(trial, nights, day).magnesium_tonight()
            dose = dose_for(day) if dose_for else (STEADY_MG if mg else 0)
            nights.append(night(day, dose, None if day in unrated else severity))
        day += DAY
        trial = advance(trial, nights, day)
        v = view(trial, nights, day)
    return trial, nights


def test_a_fully_recorded_trial_ends_as_planned_with_four_usable_nights_a_period():
    trial, nights = lived(new_trial(S, seed_for("+--++-+-")))
    v = view(trial, nights, S + 56 * DAY)
    assert v.state == "done" and trial.period_ends == tuple(S + (7 * k + 6) * DAY for k in range(8))
    assert [p.usable for p in v.periods] == [4] * 8
    assert [p.first for p in v.periods] == [S + 7 * k * DAY for k in range(8)]
    first = v.periods[0]
    assert [use for _, use in first.uses] == [NightUse.SETTLING] * 3 + [NightUse.USABLE] * 4


def test_one_night_of_magnesium_comes_where_two_periods_without_meet_and_nowhere_else():
    trial = new_trial(S, seed_for("+--++--+"))
    v = view(trial, [], S)
    assert [p.bridge for p in v.periods] == [
        None,
        None,
        S + 14 * DAY,
        None,
        None,
        None,
        S + 42 * DAY,
        None,
    ]
    third = v.periods[2]
    assert third.magnesium_on(third.first) and not third.magnesium_on(third.first + DAY)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    pairs=st.integers(3, 6),
    nights=st.integers(6, 12),
    gaps=st.sets(st.integers(0, 150), max_size=30),
)
def test_no_schedule_goes_more_than_twelve_nights_without_magnesium(seed, pairs, nights, gaps):
    """Even with nights missed (so that periods are extended), the longest stretch without a
    magnesium night stays short of the guide's break."""
    trial = new_trial(S, seed, TrialDesign(pairs=pairs, period_nights=nights))
    trial, diary = lived(trial, skip={S + g * DAY for g in gaps})
    v = view(trial, diary, S + 400 * DAY)
    days = [day for p in v.periods for day, _ in p.uses if p.magnesium_on(day)]
    stretches = [(b - a).days - 1 for a, b in zip([S - DAY, *days], days, strict=False)]
    assert max(stretches) <= LONGEST_WITHOUT_NIGHTS
    assert LONGEST_WITHOUT_NIGHTS == 12


def test_nights_count_after_settling_with_symptoms_and_the_dose_taken_as_planned():
    trial = new_trial(S, seed_for("+-+-+-+-"))
    nights = [
        night(S + 3 * DAY, STEADY_MG, 4),  # counts
        night(S + 4 * DAY, 0, 4),  # forgot the dose in a week on magnesium
        night(S + 5 * DAY, STEADY_MG, None),  # symptoms not recorded
        night(S + 6 * DAY, None, 4),  # dose not recorded
    ]
    week1 = view(trial, nights, S + 7 * DAY).periods[0]
    assert [use for _, use in week1.uses] == [NightUse.SETTLING] * 3 + [
        NightUse.USABLE,
        NightUse.NOT_AS_PLANNED,
        NightUse.NOT_RECORDED,
        NightUse.NOT_AS_PLANNED,
        NightUse.UPCOMING,  # too few: it goes on tonight
    ]
    assert week1.usable == 1 and week1.last == S + 7 * DAY


def test_in_a_week_without_magnesium_a_night_counts_only_with_0_mg_recorded():
    trial = new_trial(S, seed_for("-+-+-+-+"))
    nights = [
        night(S + 3 * DAY, 0, 5),
        night(S + 4 * DAY, 100, 5),
        night(S + 5 * DAY, None, 5),
    ]
    week1 = view(trial, nights, S + 6 * DAY).periods[0]
    assert [use for _, use in week1.uses[3:]] == [
        NightUse.USABLE,
        NightUse.NOT_AS_PLANNED,
        NightUse.NOT_AS_PLANNED,
        NightUse.UPCOMING,
    ]


def test_a_period_with_two_usable_nights_goes_on_a_night_and_the_later_ones_move():
    trial = new_trial(S, seed_for("+-+-+-+-"))
    nights = [night(S + k * DAY, STEADY_MG, 3) for k in range(7) if k not in (3, 4)]
    trial = advance(trial, nights, S + 7 * DAY)  # the evening after its 7th night
    assert trial.period_ends == ()
    v = view(trial, nights, S + 7 * DAY)
    assert v.current is v.periods[0] and v.magnesium_tonight() is True
    assert v.periods[0].last == S + 7 * DAY and v.periods[1].first == S + 8 * DAY
    nights.append(night(S + 7 * DAY, STEADY_MG, 3))
    trial = advance(trial, nights, S + 8 * DAY)
    assert trial.period_ends == (S + 7 * DAY,)
    assert view(trial, nights, S + 8 * DAY).periods[0].extra_nights == 1


def test_an_extension_at_most_doubles_a_period_and_then_its_pair_is_left_out():
    trial = new_trial(S, seed_for("+-+-+-+-"))
    nothing_recorded = advance(trial, [], S + 30 * DAY)
    assert nothing_recorded.period_ends[0] == S + 13 * DAY  # 7 nights, and 7 more at most
    # Taken but not rated: eleven nights with nothing at all recorded would be a break.
    trial, nights = lived(trial, unrated={S + k * DAY for k in range(3, 14)})
    v = view(trial, nights, S + 100 * DAY)
    assert v.periods[0].extra_nights == 7 and not v.periods[0].complete
    assert v.result is not None and v.result.left_out == (1,)
    assert [p.pair for p in v.result.pairs] == [2, 3, 4]


def test_a_period_without_magnesium_is_not_extended_into_a_break():
    trial = new_trial(S, seed_for("-+-+-+-+"))
    # The first period is without magnesium, after the steady dose on the night before it.
    ended = advance(trial, [], S + 30 * DAY)
    assert ended.period_ends[0] == S + (LONGEST_WITHOUT_NIGHTS - 1) * DAY


def test_a_night_recorded_late_does_not_move_a_period_already_fixed():
    trial = new_trial(S, seed_for("+-+-+-+-"))
    nights = [night(S + k * DAY, STEADY_MG, 3) for k in range(8) if k not in (5, 6)]
    trial = advance(trial, nights, S + 8 * DAY)  # extended on the 8th evening, then it ended
    assert trial.period_ends == (S + 7 * DAY,)
    late = [*nights, night(S + 5 * DAY, STEADY_MG, 3), night(S + 6 * DAY, STEADY_MG, 3)]
    assert advance(trial, late, S + 8 * DAY) == trial
    assert view(trial, late, S + 8 * DAY).periods[1].first == S + 8 * DAY


def test_the_state_before_during_and_after():
    trial = new_trial(S, seed_for("+-+-+-+-"))
    before = view(trial, [], S - DAY)
    assert before.state == "running" and before.current is None
    assert before.magnesium_tonight() is None
    week1 = [night(S + k * DAY, STEADY_MG, 3) for k in range(7)]
    during = view(trial, week1, S + 8 * DAY)
    assert during.current.number == 2 and during.magnesium_tonight() is False
    assert during.night_number() == 9
    trial, nights = lived(trial)
    assert view(trial, nights, S + 60 * DAY).state == "done"


def test_stopping_cuts_the_period_under_way_and_gives_no_result():
    _, nights = lived(new_trial(S, seed_for("+-+-+-+-")))
    early = [n for n in nights if n.date < S + 10 * DAY]
    cut = stopped(new_trial(S, seed_for("+-+-+-+-")), early, S + 10 * DAY, "going away")
    v = view(cut, early, S + 20 * DAY)
    assert v.state == "stopped" and v.result is None and not cut.running
    assert [(p.first, p.last, p.cut_short) for p in v.periods] == [
        (S, S + 6 * DAY, False),
        (S + 7 * DAY, S + 9 * DAY, True),
    ]


def test_revealing_a_blind_trial_puts_0_mg_into_the_nights_without_magnesium_but_the_bridge():
    blind = new_trial(S, seed_for("+--++--+"), TrialDesign(blind=True))
    # Sealed: the diary holds the box's dose every night.
    trial, nights = lived(blind, dose_for=lambda day: STEADY_MG)
    v = view(trial, nights, S + 60 * DAY)
    assert v.state == "done" and v.sealed and v.result is None
    assert all(p.usable == 4 for p in v.periods)
    revealed = placebo_nights(trial, nights)
    off_days = {
        day
        for p in v.periods
        if p.condition is Condition.OFF
        for day, _ in p.uses
        if day != p.bridge
    }
    assert {n.date for n in revealed} == off_days and len(off_days) == 26
    assert all(n.dose_mg == 0 and n.form is None for n in revealed)
    by_date = {n.date: n for n in nights} | {n.date: n for n in revealed}
    opened = dataclasses.replace(trial, revealed_on=S + 56 * DAY)
    after = view(opened, list(by_date.values()), S + 60 * DAY)
    assert [p.usable for p in after.periods] == [4] * 8
    assert after.result is not None


def test_a_period_waits_for_last_nights_rating_before_it_ends_or_goes_on():
    """People rate a night the evening after. Until last night is rated a period with too few
    nights goes on, without fixing it; once rated, the period ends on its planned night and
    tonight begins the next (a settling night, so what was taken doesn't count)."""
    trial = new_trial(S, seed_for("+-+-+-+-"))
    nights = [night(S + k * DAY, STEADY_MG, 3) for k in range(6) if k != 4]
    nights.append(night(S + 6 * DAY, STEADY_MG, None))  # taken, symptoms not rated yet
    waiting = advance(trial, nights, S + 7 * DAY)
    assert waiting.period_ends == ()
    assert view(waiting, nights, S + 7 * DAY).magnesium_tonight() is True  # goes on
    rated = [*nights[:-1], night(S + 6 * DAY, STEADY_MG, 4)]
    ended = advance(trial, rated, S + 7 * DAY)
    assert ended.period_ends == (S + 6 * DAY,)
    assert view(ended, rated, S + 7 * DAY).magnesium_tonight() is False  # week 2 begins
    late = advance(trial, [*rated, night(S + 7 * DAY, STEADY_MG, 3)], S + 8 * DAY)
    assert late.period_ends == (S + 6 * DAY,)  # rated a day late: the same
    second = view(late, rated, S + 8 * DAY).periods[1]
    assert second.first == S + 7 * DAY and second.uses[0][1] is NightUse.SETTLING


def test_the_reveal_keeps_a_dose_that_was_not_the_boxs():
    """A night of a period without magnesium on which the person recorded another dose (150 mg
    after the guide's step back) is kept as recorded: only the box's dose was look-alikes."""
    blind = new_trial(S, seed_for("-+-+-+-+"), TrialDesign(blind=True))
    stepped_back = S + 4 * DAY
    trial, nights = lived(blind, dose_for=lambda day: 150 if day == stepped_back else STEADY_MG)
    revealed = {n.date: n.dose_mg for n in placebo_nights(trial, nights)}
    assert stepped_back not in revealed
    assert revealed[S + 3 * DAY] == revealed[S + 5 * DAY] == 0


def test_a_blind_trial_stopped_in_a_period_without_includes_tonights_look_alikes():
    """Stopped on the evening of night 5 of week 1 (without magnesium) after recording
    tonight's capsules from the box: tonight held look-alikes too."""
    blind = new_trial(S, seed_for("-+-+-+-+"), TrialDesign(blind=True))
    stop = S + 4 * DAY
    nights = [night(S + k * DAY, STEADY_MG, 4) for k in range(5)]  # tonight's included
    cut = stopped(blind, nights, stop)
    assert sorted(n.date for n in placebo_nights(cut, nights)) == [S + k * DAY for k in range(5)]


@pytest.mark.parametrize(
    "rated",
    [lambda k: False, lambda k: k % 5 == 0, lambda k: k >= 9 or k % 3 == 0],
    ids=["never rated", "rated now and then", "rated from night 10"],
)
def test_while_sealed_a_period_goes_on_as_long_whatever_the_box_held(rated):
    """A blind trial's periods are extended alike, on magnesium or not: how long a period
    goes on, its dates, its nights and tonight's answer never tell which it is."""
    nights = [night(S + k * DAY, STEADY_MG, 4 if rated(k) else None) for k in range(30)]
    seen = []
    for pattern in ("+-+-+-+-", "-+-+-+-+", "-++--++-", "+--++--+"):
        trial = new_trial(S, seed_for(pattern), TrialDesign(blind=True))
        g = guide(Plan(), SAFE, nights)
        looks = []
        for day in (S + k * DAY for k in range(31)):
            before = [n for n in nights if n.date < day]
            v = view(advance(trial, before, day), before, day)
            looks.append(
                (
                    state_line(v),
                    schedule_json(v),
                    [period_cells(v, p) for p in v.periods],
                    trial_suggestion(trial, dataclasses.replace(g, nights=tuple(before)), day),
                )
            )
        seen.append(looks)
    assert all(looks == seen[0] for looks in seen)
    assert any(p.extra_nights for p in view(trial, nights, S + 30 * DAY).periods)
