"""The trial in the diary file: kept, brought up to date, stopped, revealed; schema 4."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from rlstracker.domain.trial import TrialDesign, view
from rlstracker.storage import DIARY_FILE_NAME, Diary, StorageError
from tests.domain.builders import night
from tests.domain.test_trial_periods import seed_for
from tests.domain.trial_sim import STEADY_MG, new_trial, next_day, steady_diary

DAY = timedelta(days=1)
BEFORE = steady_diary()
S = next_day(BEFORE)
FIXTURES = Path(__file__).parent / "fixtures"


def followed(diary: Diary, until: date, box: bool = False) -> None:
    """Record every night from the trial's first to the evening before `until` as planned."""
    day = S
    while day < until:
        trial = diary.trial_as_of(day)
        magnesium = view(trial, diary.nights(), day).magnesium_tonight()
        diary.save_night(night(day, STEADY_MG if magnesium or box else 0, 3))
        day += DAY


@pytest.fixture
def steady(data_dir: Path):
    with Diary.open(data_dir) as diary:
        diary.import_nights(BEFORE)
        yield diary


def test_a_trial_is_kept_and_read_back_as_it_was(steady: Diary, data_dir: Path):
    kept = steady.start_trial(new_trial(S, 4242, TrialDesign(pairs=5, min_difference=2.0)))
    assert kept.id is not None
    with Diary.open(data_dir) as again:
        assert again.trials() == [kept] and again.trial() == kept


def test_a_second_trial_is_refused_while_one_runs(steady: Diary):
    steady.start_trial(new_trial(S))
    with pytest.raises(StorageError, match="already running"):
        steady.start_trial(new_trial(S, 99))
    assert len(steady.trials()) == 1


def test_ended_periods_are_fixed_in_the_file_and_a_late_night_does_not_move_them(
    steady: Diary, data_dir: Path
):
    steady.start_trial(new_trial(S, seed_for("+-+-+-+-")))
    for k in range(7):
        if k not in (4, 5):
            steady.save_night(night(S + k * DAY, STEADY_MG, 3))
    steady.save_night(night(S + 7 * DAY, STEADY_MG, 3))
    trial = steady.trial_as_of(S + 8 * DAY)
    assert trial.period_ends == (S + 7 * DAY,)  # extended a night: 2 usable after 7
    steady.save_night(night(S + 4 * DAY, STEADY_MG, 3))  # recorded late
    with Diary.open(data_dir) as again:
        assert again.trial().period_ends == (S + 7 * DAY,)
        assert again.trial_as_of(S + 8 * DAY).period_ends == (S + 7 * DAY,)


def test_looking_at_a_later_evening_writes_nothing(steady: Diary):
    steady.start_trial(new_trial(S))  # week 1 with magnesium
    for k in range(7):
        steady.save_night(night(S + k * DAY, STEADY_MG, 3))
    looked = steady.trial_as_of(S + 8 * DAY, write=False)
    assert looked.period_ends and steady.trial().period_ends == ()
    # Nothing recorded from the trial's first night: a break, seen and not kept either.
    broken = steady.trial_as_of(S + 30 * DAY, write=False)
    assert broken.stopped_by_break and broken.stopped_on == S + 20 * DAY
    assert steady.trial().running and steady.trial().stopped_on is None


def test_stopping_keeps_the_day_and_the_reason(steady: Diary):
    steady.start_trial(new_trial(S, seed_for("+-+-+-+-")))
    followed(steady, S + 10 * DAY)
    stopped = steady.stop_trial(S + 10 * DAY, "going on holiday")
    assert (stopped.stopped_on, stopped.stop_reason) == (S + 10 * DAY, "going on holiday")
    assert steady.trial() == stopped and not stopped.running
    with pytest.raises(StorageError, match="no trial running"):
        steady.stop_trial(S + 11 * DAY)


def test_a_blind_trial_is_revealed_when_it_ends_and_the_diary_then_says_what_was_taken(
    steady: Diary,
):
    steady.start_trial(new_trial(S, seed_for("+--++--+"), TrialDesign(blind=True)))
    followed(steady, S + 56 * DAY, box=True)
    assert all(n.dose_mg == STEADY_MG for n in steady.nights() if n.date >= S)
    trial = steady.trial_as_of(S + 56 * DAY)
    assert trial.finished and trial.revealed_on == S + 56 * DAY and not trial.sealed
    v = view(trial, steady.nights(), S + 56 * DAY)
    for period in v.periods:
        doses = {steady.night_on(day).dose_mg for day, _ in period.uses if day != period.bridge}
        assert doses == ({STEADY_MG} if period.magnesium_on(period.last) else {0})
    assert v.result is not None and steady.trial() == trial


def test_stopping_a_blind_trial_reveals_it(steady: Diary):
    steady.start_trial(new_trial(S, seed_for("-+-+-+-+"), TrialDesign(blind=True)))
    followed(steady, S + 10 * DAY, box=True)
    stopped = steady.stop_trial(S + 10 * DAY)
    assert stopped.revealed_on == S + 10 * DAY
    assert [steady.night_on(S + k * DAY).dose_mg for k in range(10)] == [0] * 7 + [200] * 3


def test_the_version_4_file_keeps_its_trial(data_dir: Path):
    data_dir.mkdir()
    shutil.copy(FIXTURES / "diary-v4.sqlite3", data_dir / DIARY_FILE_NAME)
    with Diary.open(data_dir) as diary:
        (trial,) = diary.trials()
        assert (trial.first_night, trial.seed, trial.dose_mg, trial.design.blind) == (
            date(2026, 3, 5),
            12345,
            100,
            True,
        )
        assert trial.period_ends == (date(2026, 3, 11),)


def test_a_diary_of_version_3_gets_the_trial_tables_empty(data_dir: Path):
    data_dir.mkdir()
    shutil.copy(FIXTURES / "diary-v3.sqlite3", data_dir / DIARY_FILE_NAME)
    with Diary.open(data_dir) as diary:
        assert diary.trials() == [] and diary.trial() is None
