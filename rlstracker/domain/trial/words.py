"""The trial in plain words, the same in the window, on the command line and in the report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import overload

from rlstracker.domain import language
from rlstracker.domain.language import (
    N_,
    TranslatedTuple,
    _,
    ngettext,
    number,
    percent,
    pgettext,
)
from rlstracker.domain.trial.design import (
    LONGEST_WITHOUT_NIGHTS,
    MIN_USABLE_NIGHTS,
    TRIAL_SETTLING_NIGHTS,
    Condition,
    Trial,
)
from rlstracker.domain.trial.periods import NightUse, Period, TrialView, is_trials_dose
from rlstracker.domain.trial.result import (
    CHANCE_EACH_WAY,
    INTERVAL_LEVEL,
    MIN_PAIRS_FOR_RESULT,
    points,
    result_lines,
)
from rlstracker.domain.wording import full_day, mg

SEALED = N_("sealed until the end")


class _SaidEachTime(Sequence[str]):
    """Lines that `say` writes each time they are read, so that a module-level list speaks the
    language in use (and its numbers come from the design's constants)."""

    def __init__(self, say: Callable[[], list[str]]) -> None:
        self._say = say

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._say()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._say())

    def __len__(self) -> int:
        return len(self._say())


def limits() -> list[str]:
    """What a trial like this can't show, for the person and their doctor (after CENT 2015's
    items that apply to one person's self-kept diary)."""
    return [
        _(
            "One person, a few pairs of periods: a small trial. It suggests whether magnesium "
            "helps you; it can't prove it, and it says nothing about anyone else."
        ),
        _("Symptoms are your own 0–10 rating each evening, not a validated scale."),
        _("Unless blind, you knew which periods were which, and expecting a change can bring one."),
        _(
            "RLS waxes and wanes. Comparing the two periods of each pair, and drawing their "
            "order at random, guards against slow changes and chance, but not against "
            "everything."
        ),
        _(
            "The first {settling} nights of each period are left out so that a change can "
            "show; an effect that takes longer to come or to go would blur the difference."
        ).format(settling=TRIAL_SETTLING_NIGHTS),
    ]


LIMITS: Sequence[str] = _SaidEachTime(limits)


def period_name(trial: Trial, number: int) -> str:
    """'Week 3', 'Period 3'."""
    if trial.design.weekly:
        return _("Week {number}").format(number=number)
    return _("Period {number}").format(number=number)


def day_month(day: date) -> str:
    """'3 Nov' ('3. November'), in the language in use whatever the C locale says."""
    return language.day_month(day)


def short_span(first: date, last: date) -> str:
    """A period's dates with the months' short names ("27 Nov – 3 Dec 2026", "27. Nov. – 3. Dez.
    2026"): a column of the schedule, in a dialog that must fit a small screen."""
    if first.year != last.year:
        first_words = language.day_month_year(first, short=True)
    else:
        first_words = language.day_month(first, short=True)
    return f"{first_words} – {language.day_month_year(last, short=True)}"


def magnesium_words(trial: Trial, period: Period, sealed: bool) -> str:
    if sealed:
        return _(SEALED)
    if period.condition is Condition.ON:
        # Translators: a period's magnesium in the trial's schedule, "magnesium, 200 mg".
        return _("magnesium, {dose}").format(dose=mg(trial.dose_mg))
    if period.bridge is not None:
        return _bridge_words(trial, period)
    # Translators: a period's magnesium in the trial's schedule: none at all.
    return pgettext("magnesium", "none")


def _bridge_words(trial: Trial, period: Period) -> str:
    """A period without magnesium with a bridge night: the plan until it is lived, then what
    the diary holds for it."""
    planned = mg(trial.dose_mg)
    recorded = period.bridge_dose
    if not period.bridge_lived or is_trials_dose(trial, recorded):
        return _("none (but {dose} on its first night)").format(dose=planned)
    if recorded is None:
        return _("none ({dose} planned on its first night, not recorded)").format(dose=planned)
    if recorded <= 0:
        return _("none ({dose} planned on its first night, none taken)").format(dose=planned)
    return _("none (but {recorded} on its first night, where {dose} was planned)").format(
        recorded=mg(recorded), dose=planned
    )


def nights_words(period: Period, v: TrialView) -> str:
    """What the period's nights gave: usable of those past settling, what was missed."""
    if period.first > v.tonight and not period.ended:
        # Translators: a period of the trial that has not begun.
        return _("to come")
    missed = period.dates_of(NightUse.NOT_RECORDED)
    other = period.dates_of(NightUse.NOT_AS_PLANNED)
    # Translators: the nights of a period that count, "4 usable".
    parts = [
        ngettext("{count} usable", "{count} usable", period.usable).format(count=period.usable)
    ]
    if missed:
        parts.append(_("not recorded: {days}").format(days=_days(missed)))
    if other:
        parts.append(_("not as planned: {days}").format(days=_days(other)))
    if period.extra_nights:
        parts.append(
            ngettext(
                "extended by {count} night", "extended by {count} nights", period.extra_nights
            ).format(count=period.extra_nights)
        )
    if period.cut_short:
        parts.append(_("cut short by the stop"))
    elif period.ended and not period.complete:
        parts.append(_("too few nights: its pair is left out"))
    elif not period.ended:
        # Translators: a period of the trial that has begun and not ended.
        parts.append(_("under way"))
    # Translators: between the parts of a period's nights, "4 usable; not recorded: 3 Nov".
    return pgettext("between parts", "; ").join(parts)


def _days(days: list[date]) -> str:
    shown = ", ".join(day_month(d) for d in days[:6])
    if len(days) <= 6:
        return shown
    more = len(days) - 6
    # Translators: {days} is a list of dates, "3 Nov, 4 Nov, 6 Nov".
    return ngettext("{days} and {count} more", "{days} and {count} more", more).format(
        days=shown, count=more
    )


def period_cells(v: TrialView, period: Period) -> list[str]:
    """One row of the schedule as it happened: name, dates, magnesium, nights, mean."""
    sealed = v.sealed
    mean = period.mean
    return [
        period_name(v.trial, period.number),
        short_span(period.first, period.last),
        magnesium_words(v.trial, period, sealed),
        nights_words(period, v),
        "–" if mean is None or sealed else number(mean, 1),
    ]


SCHEDULE_HEADERS: Sequence[str] = TranslatedTuple(
    [N_("Period"), N_("Dates"), N_("Magnesium"), N_("Nights"), N_("Mean symptoms")]
)


def schedule_headers() -> list[str]:
    """The schedule's column headers, in the language in use."""
    return list(SCHEDULE_HEADERS)


def design_lines(trial: Trial, units_text: str | None = None) -> list[str]:
    design = trial.design
    dose = mg(trial.dose_mg) + (f" ({units_text})" if units_text else "")
    if design.blind:
        blind = _(
            "Blind: a helper fills a pill box with magnesium or look-alike capsules as a sheet "
            "tells them; the order stays sealed until the end."
        )
        counted = _(
            "Counted: the nights after the first {settling} of each period with symptoms "
            "recorded and the dose taken as planned. A period with fewer than {usable} is "
            "extended a night at a time (at most to twice its length and to {longest} nights, "
            "alike for every period, so that its length never tells which it is)."
        )
    else:
        blind = _("Open: you know which periods are which.")
        counted = _(
            "Counted: the nights after the first {settling} of each period with symptoms "
            "recorded and the dose taken as planned. A period with fewer than {usable} is "
            "extended a night at a time (at most to twice its length; a period without "
            "magnesium at most to {longest} nights without it)."
        )
    return [
        _(
            "{pairs} pairs of {nights}-night periods, each pair on magnesium and off it in an "
            "order drawn at random ({planned} nights planned), from {first}. Set up on "
            "{set_up}."
        ).format(
            pairs=design.pairs,
            nights=design.period_nights,
            planned=design.planned_nights,
            first=full_day(trial.first_night),
            set_up=full_day(trial.set_up_on),
        ),
        # Translators: {dose} is "200 mg (2 capsules)".
        _("On magnesium: {dose}, the dose the guide held. Off: none.").format(dose=dose),
        blind,
        counted.format(
            settling=TRIAL_SETTLING_NIGHTS, usable=MIN_USABLE_NIGHTS, longest=LONGEST_WITHOUT_NIGHTS
        ),
        # Translators: {points} is "1.5 points", {level} a percentage, "75%".
        _(
            "Decided before it began: better (or worse) on magnesium when symptoms differ by at "
            "least {points} on average and the randomisation test puts chance at 1 in {one_in} "
            "or less in that direction; otherwise no clear difference. The interval shown is "
            "{level}."
        ).format(
            points=points(design.min_difference),
            one_in=round(1 / CHANCE_EACH_WAY),
            level=percent(INTERVAL_LEVEL, 0),
        ),
    ]


def stop_reason_words(trial: Trial) -> str:
    """Why the trial stopped, in the language in use: a break's reason as the app says it
    (the diary keeps it in English, see periods.BreakSeen.reason), else the person's own words
    as they wrote them."""
    if not trial.stopped_by_break or trial.stopped_on is None:
        return trial.stop_reason
    found = re.search(r"for (\d+) days", trial.stop_reason)
    if found is None:
        return trial.stop_reason
    days = int(found.group(1))
    last_dose = trial.stopped_on - timedelta(days=days)
    return ngettext(
        "a break (no dose recorded for {count} day after {day})",
        "a break (no dose recorded for {count} days after {day})",
        days,
    ).format(count=days, day=full_day(last_dose))


def state_line(v: TrialView) -> str:
    trial = v.trial
    design = trial.design
    if v.state == "stopped":
        assert trial.stopped_on is not None
        day = full_day(trial.stopped_on)
        if trial.stopped_by_break:
            # Translators: {reason} is "a break (no dose recorded for 14 days after 3 Nov 2026)".
            return _(
                "Stopped on {day} by {reason}: after a break the dose is built up again from the "
                "start, so the trial can't compare it with none, and there is no result. A new "
                "trial can start once the dose has settled again."
            ).format(day=day, reason=stop_reason_words(trial))
        if trial.stop_reason:
            # Translators: {reason} is the person's own words, as they typed them.
            return _("Stopped on {day} ({reason}): no result.").format(
                day=day, reason=trial.stop_reason
            )
        return _("Stopped on {day}: no result.").format(day=day)
    if v.state == "done":
        if v.result is None:
            return _(
                "Done on {day}: fewer than {pairs} pairs had enough usable nights, so there is "
                "no result."
            ).format(day=full_day(v.last_night), pairs=MIN_PAIRS_FOR_RESULT)
        return _("Done on {day}.").format(day=full_day(v.last_night))
    current = v.current
    if current is None:
        return _("Set up: it begins on the evening of {day}.").format(
            day=full_day(trial.first_night)
        )
    if design.weekly:
        running = _(
            "Running: week {number} of {periods} (night {night} of {nights}); planned to end on "
            "{day}."
        )
    else:
        running = _(
            "Running: period {number} of {periods} (night {night} of {nights}); planned to end "
            "on {day}."
        )
    return running.format(
        number=current.number,
        periods=design.periods,
        night=v.night_number(),
        nights=v.planned_nights(),
        day=full_day(v.last_night),
    )


def view_lines(v: TrialView) -> list[str]:
    """The state, and the result once there is one."""
    lines = [state_line(v)]
    if v.result is not None:
        lines += result_lines(v.result)
    return lines


def schedule_json(v: TrialView) -> list[dict[str, object]]:
    return [
        {
            "from": p.first.isoformat(),
            "to": p.last.isoformat(),
            "magnesium": None if v.sealed else p.condition is Condition.ON,
        }
        for p in v.periods
    ]


def status_json(v: TrialView) -> dict[str, object]:
    """The object `rlstracker trial status --json` prints."""
    return {
        "state": v.state,
        "schedule": schedule_json(v),
        "result": None if v.result is None else v.result.to_json(),
    }
