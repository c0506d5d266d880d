"""The trial in plain words, the same in the window, on the command line and in the report."""

from __future__ import annotations

from datetime import date

from rlstracker.domain.trial.design import (
    LONGEST_WITHOUT_NIGHTS,
    TRIAL_SETTLING_NIGHTS,
    Condition,
    Trial,
    TrialDesign,
)
from rlstracker.domain.trial.periods import NightUse, Period, TrialView, is_trials_dose
from rlstracker.domain.trial.result import CHANCE_EACH_WAY, INTERVAL_LEVEL, result_lines
from rlstracker.domain.wording import full_day, mg, plural

SEALED = "sealed until the end"

# What a trial like this can't show, for the person and their doctor (after CENT 2015's items
# that apply to one person's self-kept diary).
LIMITS = (
    "One person, a few pairs of periods: a small test. It suggests whether magnesium helps "
    "you; it can't prove it, and it says nothing about anyone else.",
    "Symptoms are your own 0–10 rating each evening, not a validated scale.",
    "Unless blind, you knew which periods were which, and expecting a change can bring one.",
    "RLS waxes and wanes. Comparing the two periods of each pair, and drawing their order at "
    "random, guards against slow changes and chance, but not against everything.",
    f"The first {TRIAL_SETTLING_NIGHTS} nights of each period are left out so that a change "
    "can show; an effect that takes longer to come or to go would blur the difference.",
)


def period_name(trial: Trial, number: int) -> str:
    """'Week 3', 'Period 3'."""
    return f"{trial.design.period_word.capitalize()} {number}"


def day_month(day: date) -> str:
    """'3 Nov', in English whatever the C locale says."""
    return full_day(day).rsplit(" ", 1)[0]


def short_span(first: date, last: date) -> str:
    if first.year != last.year:
        return f"{full_day(first)} – {full_day(last)}"
    return f"{day_month(first)} – {full_day(last)}"


def magnesium_words(trial: Trial, period: Period, sealed: bool) -> str:
    if sealed:
        return SEALED
    if period.condition is Condition.ON:
        return f"magnesium, {mg(trial.dose_mg)}"
    if period.bridge is not None:
        return f"none ({_bridge_words(trial, period)})"
    return "none"


def _bridge_words(trial: Trial, period: Period) -> str:
    """The bridge night: the plan until it is lived, then what the diary holds for it."""
    planned = mg(trial.dose_mg)
    recorded = period.bridge_dose
    if not period.bridge_lived or is_trials_dose(trial, recorded):
        return f"but {planned} on its first night"
    if recorded is None:
        return f"{planned} planned on its first night, not recorded"
    if recorded <= 0:
        return f"{planned} planned on its first night, none taken"
    return f"but {mg(recorded)} on its first night, where {planned} was planned"


def nights_words(period: Period, v: TrialView) -> str:
    """What the period's nights gave: usable of those past settling, what was missed."""
    if period.first > v.tonight and not period.ended:
        return "to come"
    missed = period.dates_of(NightUse.NOT_RECORDED)
    other = period.dates_of(NightUse.NOT_AS_PLANNED)
    parts = [f"{period.usable} usable"]
    if missed:
        parts.append(f"not recorded: {_days(missed)}")
    if other:
        parts.append(f"not as planned: {_days(other)}")
    if period.extra_nights:
        parts.append(f"extended by {plural(period.extra_nights, 'night')}")
    if period.cut_short:
        parts.append("cut short by the stop")
    elif period.ended and not period.complete:
        parts.append("too few nights: its pair is left out")
    elif not period.ended:
        parts.append("under way")
    return "; ".join(parts)


def _days(days: list[date]) -> str:
    shown = ", ".join(day_month(d) for d in days[:6])
    return shown + (f" and {len(days) - 6} more" if len(days) > 6 else "")


def period_cells(v: TrialView, period: Period) -> list[str]:
    """One row of the schedule as it happened: name, dates, magnesium, nights, mean."""
    sealed = v.sealed
    mean = period.mean
    return [
        period_name(v.trial, period.number),
        short_span(period.first, period.last),
        magnesium_words(v.trial, period, sealed),
        nights_words(period, v),
        "–" if mean is None or sealed else f"{mean:.1f}",
    ]


SCHEDULE_HEADERS = ["Period", "Dates", "Magnesium", "Nights", "Mean symptoms"]


def design_lines(trial: Trial, units_text: str | None = None) -> list[str]:
    design = trial.design
    dose = mg(trial.dose_mg) + (f" ({units_text})" if units_text else "")
    blind = (
        "Blind: a helper fills a pill box with magnesium or look-alike capsules as a sheet tells "
        "them; the order stays sealed until the end."
        if design.blind
        else "Open: you know which periods are which."
    )
    return [
        f"{design.pairs} pairs of {design.period_nights}-night periods, each pair on magnesium "
        f"and off it in an order drawn at random ({design.planned_nights} nights planned), "
        f"from {full_day(trial.first_night)}. Set up on {full_day(trial.set_up_on)}.",
        f"On magnesium: {dose}, the dose the guide held. Off: none.",
        blind,
        f"Counted: the nights after the first {TRIAL_SETTLING_NIGHTS} of each period with "
        "symptoms recorded and the dose taken as planned. A period with fewer than 3 is "
        f"extended a night at a time ({_extension_limit_words(design)}).",
        f"Decided before it began: better (or worse) on magnesium when symptoms differ by at "
        f"least {design.min_difference:g} points on average and the randomisation test puts "
        f"chance at 1 in {round(1 / CHANCE_EACH_WAY)} or less in that direction; otherwise no "
        f"clear difference. The interval shown is {INTERVAL_LEVEL:.0%}.",
    ]


def _extension_limit_words(design: TrialDesign) -> str:
    if design.blind:
        return (
            f"at most to twice its length and to {LONGEST_WITHOUT_NIGHTS} nights, alike for "
            "every period, so that its length never tells which it is"
        )
    return (
        f"at most to twice its length; a period without magnesium at most to "
        f"{LONGEST_WITHOUT_NIGHTS} nights without it"
    )


def state_line(v: TrialView) -> str:
    trial = v.trial
    design = trial.design
    if v.state == "stopped":
        assert trial.stopped_on is not None
        if trial.stopped_by_break:
            return (
                f"Stopped on {full_day(trial.stopped_on)} by {trial.stop_reason}: after a break "
                "the dose is built up again from the start, so the trial can't compare it with "
                "none, and there is no result. A new trial can start once the dose has settled "
                "again."
            )
        why = f" ({trial.stop_reason})" if trial.stop_reason else ""
        return f"Stopped on {full_day(trial.stopped_on)}{why}: no result."
    if v.state == "done":
        if v.result is None:
            return (
                f"Done on {full_day(v.last_night)}: fewer than 3 pairs had enough usable nights, "
                "so there is no result."
            )
        return f"Done on {full_day(v.last_night)}."
    current = v.current
    if current is None:
        return f"Set up: it begins on the evening of {full_day(trial.first_night)}."
    return (
        f"Running: {design.period_word} {current.number} of {design.periods} (night "
        f"{v.night_number()} of {v.planned_nights()}); planned to end on "
        f"{full_day(v.last_night)}."
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
