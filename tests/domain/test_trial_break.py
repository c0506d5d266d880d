"""A break during a trial (14 days with no dose recorded): the dose has to be built up again
from the start, so the trial can no longer answer its question. It ends as stopped from the
evening the guide counts the break, with the break as its reason, and from that evening on the
guide alone answers (restart, then the normal climb), never the trial's schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import reminder_text
from rlstracker.domain.titration import Action, suggest
from rlstracker.domain.trial import advance, view
from rlstracker.domain.trial.reveal import trial_evening
from rlstracker.domain.trial.words import period_cells, state_line, status_json
from tests.domain.builders import SAFE, night
from tests.domain.test_trial_tonight import BEFORE, BLIND_A, PATTERN, TRIAL, S, lived
from tests.domain.trial_sim import STEADY_MG, live_with_a_gap

DAY = timedelta(days=1)
TRIAL_ACTIONS = {Action.TRIAL_ON, Action.TRIAL_OFF, Action.TRIAL_BLIND}


@pytest.mark.parametrize("trial", [TRIAL, BLIND_A], ids=["open", "blind"])
@pytest.mark.parametrize(
    ("gap_from", "gap_nights"),
    [(S + 5 * DAY, 15), (S + 9 * DAY, 15), (S + 5 * DAY, 13), (S + 30 * DAY, 20)],
    ids=["in a week on", "in a week off", "back on the evening of the break", "late, long"],
)
def test_after_a_break_mid_trial_every_evening_gives_the_guides_answer(trial, gap_from, gap_nights):
    evenings, _ = live_with_a_gap(trial, list(BEFORE), gap_from, gap_nights, S + 90 * DAY)
    back = [e for e in evenings if e.day >= gap_from]
    assert back and back[0].day == gap_from + gap_nights * DAY
    for evening in back:
        assert evening.answer.action not in TRIAL_ACTIONS, evening
        assert evening.trial.stopped_on is not None and not evening.trial.running
    first = back[0].answer
    assert (first.action, first.dose_mg) == (Action.RESTART, 100)
    assert reminder_text(first)[0] == "Tonight: 100 mg"
    # Then the guide's own climb, a step a week from the start dose, never a trial's 0 mg.
    doses = [e.answer.dose_mg for e in back]
    assert doses == sorted(doses) and doses[0] == 100 and doses[-1] >= STEADY_MG


@pytest.mark.parametrize("trial", [TRIAL, BLIND_A], ids=["open", "blind"])
def test_each_evening_after_the_break_is_the_guides_answer_word_for_word_then_the_stop(trial):
    evenings, nights = live_with_a_gap(trial, list(BEFORE), S + 5 * DAY, 15, S + 60 * DAY)
    for evening in (e for e in evenings if e.day >= S + 20 * DAY):
        before = [n for n in nights if n.date < evening.day]
        guide_answer = suggest(Plan(), SAFE, before, evening.day)
        answer = evening.answer
        assert (answer.action, answer.dose_mg, answer.rule) == (
            guide_answer.action,
            guide_answer.dose_mg,
            guide_answer.rule,
        )
        assert answer.reasons[: len(guide_answer.reasons)] == guide_answer.reasons
    said = " ".join(evenings[[e.day for e in evenings].index(S + 20 * DAY)].answer.reasons)
    assert "Your trial stopped" in said and "no dose recorded for 14 days" in said
    assert "start a new trial" in said and "no result" in said


@pytest.mark.parametrize("trial", [TRIAL, BLIND_A], ids=["open", "blind"])
def test_a_break_stops_the_trial_on_the_evening_it_is_counted_with_the_break_as_its_reason(trial):
    evenings, nights = live_with_a_gap(trial, list(BEFORE), S + 5 * DAY, 15, S + 21 * DAY)
    stopped = evenings[-1].trial
    last_dose = S + 4 * DAY
    assert stopped.stopped_on == last_dose + 14 * DAY and not stopped.running
    assert stopped.stop_reason.startswith("a break (no dose recorded for 14 days after ")
    assert stopped.stopped_by_break
    v = view(stopped, nights, S + 21 * DAY)
    assert (v.state, v.result) == ("stopped", None)
    assert status_json(v)["state"] == "stopped" and status_json(v)["result"] is None
    line = state_line(v)
    assert "no dose recorded for 14 days" in line and "no result" in line and "new trial" in line
    assert v.periods[-1].cut_short and v.periods[-1].last == last_dose + 13 * DAY
    if trial.design.blind:
        assert not stopped.sealed  # revealed, as a stopped blind trial is
        assert None not in [p["magnesium"] for p in status_json(v)["schedule"]]


@pytest.mark.parametrize("trial", [TRIAL, BLIND_A], ids=["open", "blind"])
def test_read_only_sees_the_same_stop_as_the_diary_keeps(trial):
    """Nothing written: the trial as stored (still running) is seen stopped by the break, on
    the same evening and with the same reason, from every place that reads it."""
    nights = lived(trial, until=S + 5 * DAY)
    for day in (S + 18 * DAY, S + 19 * DAY, S + 40 * DAY):
        kept = advance(trial, nights, day)
        seen = view(trial, nights, day)
        evening = trial_evening(trial, nights, day)
        assert evening.trial is not None
        assert (kept.stopped_on, kept.stop_reason) == (S + 18 * DAY, seen.trial.stop_reason)
        assert (evening.trial.stopped_on, evening.trial.stop_reason) == (
            kept.stopped_on,
            kept.stop_reason,
        )
        assert seen.state == view(kept, nights, day).state == "stopped"
        assert view(kept, nights, day).periods == seen.periods
    before = advance(trial, nights, S + 17 * DAY)
    assert before.running  # 13 days: no break yet
    # A trial whose last period ended before a break keeps its result.
    whole = lived(trial, until=S + 56 * DAY)
    done = advance(trial, whole, S + 56 * DAY)
    assert done.finished and advance(done, whole, S + 80 * DAY) == done
    assert view(done, whole, S + 80 * DAY).state == "done"


def test_a_blind_trial_stopped_by_a_break_reveals_the_look_alikes_before_the_break_only():
    """The box's nights before the gap in a period without magnesium get their 0 mg; the
    guide's restart dose on and after the evening of the break is magnesium, kept as it is."""
    blind = BLIND_A  # "+-+-+-+-": week 2 without magnesium
    nights = [*BEFORE, *(night(S + k * DAY, STEADY_MG, 3) for k in range(9))]
    restart = [night(S + k * DAY, 100, 3) for k in range(23, 26)]  # the guide's restart dose
    evening = trial_evening(blind, [*nights, *restart], S + 26 * DAY)
    assert evening.trial is not None and evening.trial.stopped_on == S + 22 * DAY
    assert sorted(n.date for n in evening.placebo) == [S + 7 * DAY, S + 8 * DAY]
    by_date = {n.date: n.dose_mg for n in evening.nights}
    assert [by_date[S + k * DAY] for k in range(23, 26)] == [100] * 3


def test_the_bridge_night_says_what_was_recorded_not_the_plan():
    """Where two weeks without magnesium meet (week 3 of "+--++--+"), a night of magnesium
    is planned; the schedule says what was recorded that night when it differs."""
    assert PATTERN == "+--++--+"
    bridge = S + 14 * DAY
    nights = lived(until=bridge)
    planned = period_cells(view(TRIAL, nights, bridge), view(TRIAL, nights, bridge).periods[2])
    assert planned[2] == "none (but 200 mg on its first night)"
    for dose, words in [
        (STEADY_MG, "none (but 200 mg on its first night)"),
        (150, "none (but 150 mg on its first night, where 200 mg was planned)"),
        (0, "none (200 mg planned on its first night, none taken)"),
        (None, "none (200 mg planned on its first night, not recorded)"),
    ]:
        lived_bridge = [*nights, night(bridge, dose, 3)]
        v = view(TRIAL, lived_bridge, bridge + 3 * DAY)
        assert period_cells(v, v.periods[2])[2] == words
    missing = view(TRIAL, nights, bridge + 3 * DAY)
    assert period_cells(missing, missing.periods[2])[2] == (
        "none (200 mg planned on its first night, not recorded)"
    )
