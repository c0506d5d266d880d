"""The titration guide: tonight's suggested dose, from the plan, the screening and the diary.

A pure function of its arguments. The rules are tried in order and the first that applies gives
the answer; the README's "The guide's rules" explains each in plain words, with the decisions
taken where the rules left room (all of them on the safe side).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from rlstracker.domain import analysis
from rlstracker.domain.forms import Product, dose_in_units
from rlstracker.domain.models import (
    GRADE_NAMES,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    Night,
    Plan,
    Screening,
)
from rlstracker.domain.safety import SEEK_HELP, cautions, consult_reasons, timing_advice

RED_FLAG_NIGHTS = 3
SEVERE_NIGHTS = 2
MODERATE_GI_NIGHTS = 2
MILD_NIGHTS = 3
CONTROL_NIGHTS = 7
REVIEW_MIN_IMPROVEMENT = 2.0  # points of 0-10 severity


class Action(str, Enum):
    CONSULT = "consult"
    STOP = "stop"
    STEP_BACK = "step_back"
    RESTART = "restart"
    HOLD = "hold"
    BASELINE = "baseline"
    START = "start"
    MAINTAIN = "maintain"
    RAISE = "raise"


ACTION_TITLES: dict[Action, str] = {
    Action.CONSULT: "Talk to your clinician first",
    Action.STOP: "Stop for now",
    Action.STEP_BACK: "Step back",
    Action.RESTART: "Restart",
    Action.HOLD: "Stay at this dose",
    Action.BASELINE: "No magnesium yet: baseline night",
    Action.START: "Start",
    Action.MAINTAIN: "Stay at this dose",
    Action.RAISE: "Go up one step",
}


@dataclass(frozen=True)
class Suggestion:
    """What the guide suggests for the evening of `date`, and why."""

    date: date
    action: Action
    dose_mg: float | None  # None only with consult
    reasons: tuple[str, ...]
    review: bool = False
    seek_help: bool = False  # a red flag: the window shows it in the loudest way it has
    advice: tuple[str, ...] = ()  # timing with other medicines, the evening meal, cautions
    units_text: str | None = None  # "2 capsules = 240 mg" when a product is known

    def to_json(self) -> dict[str, object]:
        """The object `rlstracker next-dose --json` prints (interfaces: keep these keys)."""
        dose = self.dose_mg
        if dose is not None and dose == int(dose):
            dose = int(dose)
        return {
            "date": self.date.isoformat(),
            "action": self.action.value,
            "dose_mg": dose,
            "reasons": list(self.reasons),
            "review": self.review,
        }


def day_words(day: date) -> str:
    """'3 Nov', in English whatever the C locale says."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{day.day} {months[day.month - 1]}"


def mg(dose: float) -> str:
    return f"{dose:g} mg"


class _History:
    """The diary as the rules read it: nights before tonight, oldest first."""

    def __init__(self, nights: Iterable[Night], tonight: date, plan: Plan) -> None:
        self.nights = [n for n in analysis.in_date_order(nights) if n.date < tonight]
        self.plan = plan
        recorded = [n for n in self.nights if n.dose_mg is not None]
        self.current_dose: float | None = recorded[-1].dose_mg if recorded else None
        self.ever_dosed = any(n.took_magnesium for n in self.nights)
        self.intolerance = analysis.intolerance(self.nights, since=plan.reset_on)
        cap = self.intolerance.dose_mg if self.intolerance else None
        self.cap = cap
        self.effective_ceiling = (
            plan.ceiling_mg if cap is None else min(plan.ceiling_mg, cap - plan.step_mg)
        )

    def last(self, count: int) -> list[Night]:
        return self.nights[-count:]

    def at_current_dose(self, nights: Sequence[Night]) -> list[Night]:
        """Nights taken at the current dose; a night whose dose was not recorded may have been,
        so the safety rules count it too."""
        return [n for n in nights if n.dose_mg in (self.current_dose, None)]

    def run_at_current_dose(self) -> list[Night]:
        """The nights at the current dose counted back from the latest, until a night with a
        different recorded dose. Nights with no dose recorded neither count nor break the run,
        and nor does a forgotten night or two (dose 0) between nights at the dose."""
        run: list[Night] = []
        missed = 0
        for night in reversed(self.nights):
            if night.dose_mg is None:
                continue
            if night.dose_mg == self.current_dose:
                run.append(night)
                missed = 0
            elif night.dose_mg == 0 and missed < analysis.MISSED_NIGHTS_MAX:
                missed += 1
            else:
                break
        return run[::-1]

    def highest_tolerated_below(self, dose: float) -> float | None:
        below = dose if self.cap is None else min(dose, self.cap)
        return analysis.highest_tolerated_dose(self.nights, below=below)


def suggest(
    plan: Plan,
    screening: Screening | None,
    nights: Iterable[Night],
    tonight: date,
    product: Product | None = None,
) -> Suggestion:
    """Tonight's suggestion. Reads only the nights before `tonight`."""
    history = _History(nights, tonight, plan)
    action, dose, reasons, review, seek_help = _first_rule_that_applies(
        plan, screening, history, tonight
    )
    advice: list[str] = []
    if screening is None:
        advice.append(
            "You have not answered the safety questions yet: answer them in the app before "
            "taking magnesium."
        )
    else:
        advice += cautions(screening)
    if dose:
        advice.append("Take it with your evening meal.")
        if screening is not None:
            advice += timing_advice(screening)
    units = dose_in_units(dose, product).text if product is not None and dose else None
    return Suggestion(
        tonight, action, dose, tuple(reasons), review, seek_help, tuple(advice), units
    )


_Answer = tuple[Action, float | None, list[str], bool, bool]


def _first_rule_that_applies(
    plan: Plan, screening: Screening | None, h: _History, tonight: date
) -> _Answer:
    # 1. Screening answers that rule out self-titration.
    if screening is not None and not plan.clinician_approved:
        found = consult_reasons(screening)
        if found:
            return (
                Action.CONSULT,
                None,
                [
                    *found,
                    "Please talk to your clinician before trying magnesium. If they approve a "
                    "plan, record it as clinician-approved and the guide will follow it.",
                ],
                False,
                False,
            )

    # 2. Red flags: signs of too much magnesium in the blood.
    flagged = [n for n in h.last(RED_FLAG_NIGHTS) if n.red_flags]
    if flagged:
        night = flagged[-1]
        signs = ", ".join(sorted(f.label.lower() for f in night.red_flags))
        return (
            Action.STOP,
            0,
            [
                f"You recorded {signs} on {day_words(night.date)}. These can be signs of too "
                "much magnesium in the blood.",
                SEEK_HELP,
            ],
            False,
            True,
        )

    # 3. A severe side effect: pause until it settles.
    severe = [n for n in h.last(SEVERE_NIGHTS) if n.worst_grade == 3]
    if severe:
        night = severe[-1]
        return (
            Action.STOP,
            0,
            [
                f"You had {_effects_at(night, 3)} on {day_words(night.date)}. Take no magnesium "
                "until it has settled (usually a day or two).",
                "If it does not settle, or you feel unwell, contact your doctor.",
            ],
            False,
            False,
        )

    current = h.current_dose

    # 4. A moderate stomach side effect at the current dose: step back.
    if current:
        moderate = [n for n in h.at_current_dose(h.last(MODERATE_GI_NIGHTS)) if n.gi_grade == 2]
        if moderate:
            night = moderate[-1]
            why = f"You had {_effects_at(night, 2)} on {day_words(night.date)} at {mg(current)}."
            tolerated = h.highest_tolerated_below(current)
            if tolerated is not None:
                target = tolerated
                how = f"Go back to {mg(target)}, the highest dose that suited you."
            else:
                target = current - plan.step_mg
                how = f"Go down one step to {mg(target)}."
            target = min(target, h.effective_ceiling)
            if target <= 0:
                return _stop_no_lower_dose(why)
            return (Action.STEP_BACK, target, [why, how], False, False)

    # 5. After a pause: restart once the stomach has settled.
    if current == 0 and h.ever_dosed:
        unsettled = [n for n in h.last(SEVERE_NIGHTS) if (n.gi_grade or 0) >= 1]
        if unsettled:
            night = unsettled[-1]
            return (
                Action.STOP,
                0,
                [
                    f"Your stomach had not settled on {day_words(night.date)} "
                    f"({_effects_at(night, night.gi_grade or 1)}). Stay paused until it has."
                ],
                False,
                False,
            )
        tolerated = h.highest_tolerated_below(h.effective_ceiling + 1e-9)
        if tolerated is not None:
            target = tolerated
            how = f"Restart at {mg(target)}, the highest dose that suited you."
        else:
            target = plan.start_mg if h.cap is None else min(plan.start_mg, h.cap - plan.step_mg)
            how = f"Restart at {mg(target)}."
        target = min(target, h.effective_ceiling)
        if target <= 0:
            return _stop_no_lower_dose("Even the lowest step brought side effects.")
        reasons = ["You have had no magnesium lately and no stomach side effects since.", how]
        earlier_flags = [n for n in h.nights if n.red_flags]
        if earlier_flags:
            reasons.append(
                f"You recorded a warning sign on {day_words(earlier_flags[-1].date)}: restart "
                "only if a doctor has said it is safe."
            )
        return (Action.RESTART, target, reasons, False, False)

    # 6. Mild side effects at the current dose: stay until they settle.
    if current:
        mild = [
            n
            for n in h.at_current_dose(h.last(MILD_NIGHTS))
            if (n.gi_grade or 0) >= 1 or n.drowsiness in (1, 2)
        ]
        if mild:
            night = mild[-1]
            return _stay(
                Action.HOLD,
                h,
                [
                    f"You had {_effects_at(night, night.worst_grade or 1)} on "
                    f"{day_words(night.date)}. Stay at {mg(current)} until it settles."
                ],
            )

    # 7. Baseline: a fair "before" to compare with later.
    if not h.ever_dosed:
        baseline = analysis.baseline_nights(h.nights)
        missing = plan.baseline_nights - len(baseline)
        if missing > 0:
            return (
                Action.BASELINE,
                0,
                [
                    f"Record {missing} more {_nights(missing)} without magnesium, with your "
                    "symptoms, so that you can tell later whether it made a difference."
                ],
                False,
                False,
            )
        # 8. Start.
        target = min(plan.start_mg, h.effective_ceiling)
        return (
            Action.START,
            target,
            [f"Start at {mg(target)}, your plan's starting dose. Start low, go slow."],
            False,
            False,
        )

    assert current  # rule 5 answered for a current dose of 0
    run = h.run_at_current_dose()

    # 9. Not long enough at this dose yet, or side effects not recorded.
    if len(run) < plan.interval_nights:
        missing = plan.interval_nights - len(run)
        return _stay(
            Action.HOLD,
            h,
            [
                f"{missing} more {_nights(missing)} at {mg(current)} before the next step: "
                "side effects and benefit take time to show."
            ],
        )
    unrecorded = [n for n in run[-plan.interval_nights :] if not n.side_effects_recorded]
    if unrecorded:
        days = ", ".join(day_words(n.date) for n in unrecorded[-3:])
        return _stay(
            Action.HOLD,
            h,
            [
                f"Side effects were not recorded for {days}. Record them (none is an answer too) "
                "so the guide can tell whether this dose suits you."
            ],
        )

    # 10. Symptoms controlled.
    recent = run[-CONTROL_NIGHTS:]
    recent_mean = analysis.mean_severity(recent)
    if recent_mean is not None and recent_mean <= plan.target_severity:
        counted = sum(1 for n in recent if n.symptom_severity is not None)
        reasons = [
            f"Your symptoms averaged {recent_mean:.1f} of 10 over the last {counted} "
            f"{_nights(counted)}, at or below your target of {plan.target_severity:g}. "
            "Stay at this dose."
        ]
        return _maintain(h, run, reasons)

    # 11. Nowhere higher to go.
    next_dose = min(current + plan.step_mg, h.effective_ceiling)
    if next_dose <= current:
        if h.intolerance is not None and h.effective_ceiling < plan.ceiling_mg:
            why = (
                f"The next step would come too close to {mg(h.intolerance.dose_mg)}, which "
                f"brought {h.intolerance.what} on {day_words(h.intolerance.date)}."
            )
        else:
            why = f"You are at your plan's ceiling of {mg(plan.ceiling_mg)}."
        return _maintain(h, run, [f"{why} Stay at this dose."])

    # 12. Raise.
    severity_words = (
        f"Your symptoms averaged {recent_mean:.1f} of 10, above your target of "
        f"{plan.target_severity:g}, "
        if recent_mean is not None
        else ""
    )
    return (
        Action.RAISE,
        next_dose,
        [
            f"{len(run)} nights at {mg(current)} with no side effects worth stopping for.",
            f"{severity_words}so the guide suggests one step up to {mg(next_dose)}.",
        ],
        False,
        False,
    )


def _stay(action: Action, h: _History, reasons: list[str], review: bool = False) -> _Answer:
    """Stay at the current dose, unless it is above what the guide may propose."""
    current = h.current_dose
    assert current
    if current <= h.effective_ceiling:
        return (action, current, reasons, review, False)
    if h.effective_ceiling <= 0:
        return _stop_no_lower_dose(reasons[0])
    limit = h.effective_ceiling
    if h.intolerance is not None and limit < h.plan.ceiling_mg:
        why = (
            f"{mg(current)} is not below {mg(h.intolerance.dose_mg)}, which brought "
            f"{h.intolerance.what} on {day_words(h.intolerance.date)}."
        )
    else:
        why = f"{mg(current)} is above your plan's ceiling of {mg(h.plan.ceiling_mg)}."
    return (Action.STEP_BACK, limit, [why, f"Go down to {mg(limit)}."], False, False)


def _maintain(h: _History, run: list[Night], reasons: list[str]) -> _Answer:
    review = False
    if len(run) >= h.plan.review_nights:
        comparison = analysis.compare_with_baseline(h.nights, recent=run[-analysis.RECENT_NIGHTS :])
        change = comparison.improvement
        if change is None:
            review = True
            reasons.append(
                f"After {len(run)} nights at this dose there is no baseline to compare with: talk "
                "to your clinician about whether to go on."
            )
        elif change < REVIEW_MIN_IMPROVEMENT:
            review = True
            reasons.append(
                f"After {len(run)} nights at this dose, little change from before magnesium "
                f"({comparison.baseline_mean:.1f} then, {comparison.recent_mean:.1f} now): talk "
                "to your clinician about whether to go on."
            )
        else:
            reasons.append(
                f"Your symptoms over the last {comparison.recent_count} nights averaged "
                f"{comparison.recent_mean:.1f} of 10, against {comparison.baseline_mean:.1f} "
                "before magnesium."
            )
    return _stay(Action.MAINTAIN, h, reasons, review)


def _stop_no_lower_dose(why: str) -> _Answer:
    return (
        Action.STOP,
        0,
        [
            why,
            "There is no lower dose to step back to. Ask your clinician or pharmacist whether "
            "another form of magnesium, or something else, would suit you better.",
        ],
        False,
        False,
    )


def _effects_at(night: Night, grade: int) -> str:
    names = [SIDE_EFFECT_NAMES[e].lower() for e in SIDE_EFFECTS if night.grade(e) == grade]
    return f"{GRADE_NAMES[grade]} {' and '.join(names) or 'side effects'}"


def _nights(count: int) -> str:
    return "night" if count == 1 else "nights"
