"""The evening reminder: when it is due, and what it says. Plain Python; the clock is an
argument.

The app looks at the clock every minute rather than setting one long timer: after a suspend, a
clock change or a daylight-saving change, the next look finds the reminder due (or already
sent) by wall-clock time, so it is neither lost nor doubled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rlstracker.domain.language import _
from rlstracker.domain.models import DAY_TURNS_AT, Night, evening_of
from rlstracker.domain.titration import Action, Need, Suggestion
from rlstracker.domain.wording import mg

DEFAULT_REMINDER = time(20, 0)
SNOOZE = timedelta(minutes=30)


@dataclass(frozen=True)
class ReminderState:
    """What the reminder remembers between looks (kept in the diary's settings)."""

    sent_for: date | None = None  # the evening a reminder was last shown for
    snoozed_until: datetime | None = None  # "In 30 minutes"


def reminder_moment(evening: date, at: time) -> datetime:
    """When the reminder for `evening` is due. A time before 04:00 belongs to the small hours
    after that evening."""
    day = evening + timedelta(days=1) if at < DAY_TURNS_AT else evening
    return datetime.combine(day, at)


def is_due(
    now: datetime,
    at: time | None,
    state: ReminderState,
    tonight: Night | None,
) -> bool:
    """The reminder should be shown now: reminders are on (`at` is not None), its time has come
    this evening, it was not shown for this evening yet (or was put off until now), and
    tonight's dose is not recorded yet."""
    if at is None:
        return False
    evening = evening_of(now)
    if tonight is not None and tonight.dose_mg is not None:
        return False  # recorded already, whatever way: no reminder
    if state.snoozed_until is not None and evening_of(state.snoozed_until) == evening:
        return now >= state.snoozed_until
    if state.sent_for == evening:
        return False
    return now >= reminder_moment(evening, at)


def is_answered(now: datetime, shown_for: date, tonight: Night | None) -> bool:
    """A reminder shown for the evening `shown_for` has had its answer: tonight's dose is
    recorded, or that evening is over. The notification can go."""
    if evening_of(now) != shown_for:
        return True
    return tonight is not None and tonight.dose_mg is not None


def after_shown(now: datetime) -> ReminderState:
    return ReminderState(sent_for=evening_of(now), snoozed_until=None)


def after_snooze(now: datetime) -> ReminderState:
    return ReminderState(sent_for=evening_of(now), snoozed_until=now + SNOOZE)


def reminder_text(suggestion: Suggestion) -> tuple[str, str]:
    """(title, body) of the notification: tonight's suggestion in one line, computed by the
    same guide as Tonight, so it never names a dose that Tonight would not."""
    action = suggestion.action
    if suggestion.seek_help:
        title = _("Tonight: no magnesium — warning signs recorded")
        body = _("Seek medical help now if you have not. Open RLS Tracker for what to do.")
    elif action is Action.CONSULT:
        title = _("Tonight: talk to your clinician first")
        body = _("No dose is suggested until then. And how was last night?")
    elif action is Action.TRIAL_BLIND:  # a blind trial: the dose is sealed, never "none"
        title = _("Tonight: the capsules from your trial's box")
        body = _("And how was last night?")
    elif not suggestion.dose_mg:
        if Need.CLEARANCE in suggestion.needs:
            title = _("Tonight: no magnesium — held after a warning sign")
        else:
            title = _("Tonight: no magnesium")
        body = _("And how was last night? Record it in RLS Tracker.")
    else:
        if suggestion.units is not None:
            title = _("Tonight: {dose} — {units}").format(
                dose=mg(suggestion.dose_mg), units=suggestion.units.text
            )
        else:
            title = _("Tonight: {dose}").format(dose=mg(suggestion.dose_mg))
        body = _("And how was last night?")
    return title, body
