"""The evening reminder's schedule, with an injected clock: suspend, clock and DST changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rlstracker.domain.models import Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import (
    ReminderState,
    after_shown,
    after_snooze,
    is_due,
    reminder_moment,
    reminder_text,
)
from rlstracker.domain.titration import suggest
from tests.domain.builders import BASELINE, SAFE, after, change, then

EVENING = date(2026, 11, 24)
AT = time(20, 0)
NOTHING = ReminderState()


def at(hour: int, minute: int = 0, day: date = EVENING) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_due_from_its_time_until_the_day_turns():
    assert not is_due(at(19, 59), AT, NOTHING, None)
    assert is_due(at(20, 0), AT, NOTHING, None)
    assert is_due(at(3, 59, EVENING + timedelta(days=1)), AT, NOTHING, None)
    # 04:00 is the next evening's day; its reminder is at 20:00.
    assert not is_due(at(4, 0, EVENING + timedelta(days=1)), AT, NOTHING, None)


def test_once_an_evening():
    shown = after_shown(at(20, 0))
    assert not is_due(at(20, 1), AT, shown, None)
    assert not is_due(at(23, 0), AT, shown, None)
    assert is_due(at(20, 0, EVENING + timedelta(days=1)), AT, shown, None)


def test_never_while_tonights_dose_is_recorded():
    assert not is_due(at(20, 0), AT, NOTHING, Night(date=EVENING, dose_mg=150))
    assert not is_due(at(20, 0), AT, NOTHING, Night(date=EVENING, dose_mg=0))
    assert is_due(at(20, 0), AT, NOTHING, Night(date=EVENING, notes="just a note"))


def test_off_is_off():
    assert not is_due(at(21, 0), None, NOTHING, None)


def test_asleep_across_the_time_it_comes_at_wake_up_the_same_evening_once():
    # Last look at 19:59, the computer sleeps, the next look is at 22:17.
    assert not is_due(at(19, 59), AT, NOTHING, None)
    assert is_due(at(22, 17), AT, NOTHING, None)
    assert not is_due(at(22, 18), AT, after_shown(at(22, 17)), None)


def test_off_all_evening_it_does_not_come_the_next_morning():
    morning = at(9, 0, EVENING + timedelta(days=1))
    assert not is_due(morning, AT, NOTHING, None)


def test_in_30_minutes():
    snoozed = after_snooze(at(20, 0))
    assert not is_due(at(20, 29), AT, snoozed, None)
    assert is_due(at(20, 30), AT, snoozed, None)
    assert not is_due(at(20, 31), AT, after_shown(at(20, 30)), None)


def test_daylight_saving_ends_the_repeated_hour_does_not_repeat_it():
    small = time(1, 30)
    night_of = date(2026, 10, 24)
    first = datetime(2026, 10, 25, 1, 30)
    assert reminder_moment(night_of, small) == first
    assert is_due(first, small, NOTHING, None)
    shown = after_shown(first)
    # The clock goes back from 02:00 to 01:00: 01:30 comes again.
    assert not is_due(datetime(2026, 10, 25, 1, 30), small, shown, None)


def test_daylight_saving_begins_a_skipped_time_comes_at_the_first_look_after():
    skipped = time(2, 30)  # 02:00 jumps to 03:00 on 29 March 2026 in Europe
    assert not is_due(datetime(2026, 3, 29, 1, 59), skipped, NOTHING, None)
    assert is_due(datetime(2026, 3, 29, 3, 0), skipped, NOTHING, None)


def test_a_time_changed_in_settings_after_tonights_reminder_is_not_sent_again():
    shown = after_shown(at(20, 0))
    assert not is_due(at(21, 0), time(21, 0), shown, None)
    assert is_due(at(21, 0), time(21, 0), NOTHING, None)


def test_the_text_is_tonights_suggestion_in_one_line():
    nights = then(BASELINE, *[100] * 7)
    title, body = reminder_text(suggest(Plan(), SAFE, nights, after(nights)))
    assert title == "Tonight: 150 mg" and body == "And how was last night?"


def test_a_warning_sign_hold_or_a_consult_says_so_instead_of_a_dose():
    held = change(then(BASELINE, *[100] * 8), -5, red_flags={RedFlag.FAINTING})
    title, _ = reminder_text(suggest(Plan(), SAFE, held, after(held)))
    assert title == "Tonight: no magnesium — held after a warning sign"
    title, _ = reminder_text(suggest(Plan(), None, BASELINE, after(BASELINE)))
    assert title == "Tonight: talk to your clinician first"
