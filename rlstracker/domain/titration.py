"""The titration guide (rules v2): tonight's suggested dose, from the plan, the safety answers,
the clearances, the product and the diary.

A pure function of its arguments. The rules (domain/rules.py) are tried in order and the first
that applies gives the answer; here it is dressed with the dose in units, the warnings and the
advice that every suggestion carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rlstracker.domain.forms import Product
from rlstracker.domain.history import History
from rlstracker.domain.ladder import Ladder, UnitCount
from rlstracker.domain.language import N_, Translated, _
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.rules import (
    Action,
    Context,
    Need,
    first_rule_that_applies,
    usual_state_words,
)
from rlstracker.domain.safety import (
    NO_ANSWERS,
    Clearance,
    SafetyAnswers,
    safety_status,
    timing_advice,
    warnings,
)
from rlstracker.domain.wording import mg

__all__ = ["ACTION_TITLES", "Action", "Need", "Suggestion", "suggest"]  # not user text

ACTION_TITLES: Translated[Action] = Translated(
    {
        Action.CONSULT: N_("Talk to your clinician first"),
        Action.STOP: N_("Stop for now"),
        Action.STEP_BACK: N_("Step back"),
        Action.RESTART: N_("Restart"),
        Action.HOLD: N_("Stay at this dose"),
        Action.BASELINE: N_("No magnesium yet: baseline night"),
        Action.START: N_("Start"),
        Action.MAINTAIN: N_("Stay at this dose"),
        Action.RAISE: N_("Go up one step"),
        Action.TRIAL_ON: N_("Trial: magnesium tonight"),
        Action.TRIAL_OFF: N_("Trial: no magnesium tonight"),
        Action.TRIAL_BLIND: N_("Trial, blind"),
    }
)


@dataclass(frozen=True)
class Suggestion:
    """What the guide suggests for the evening of `date`, and why."""

    date: date
    action: Action
    dose_mg: float | None  # None only with consult and trial_blind; 0 with stop and baseline
    reasons: tuple[str, ...]
    rule: int  # the number of the rule that answered (1-15)
    units: UnitCount | None = None  # the dose in the product's units
    units_text: str | None = None  # "3 capsules = 150 mg"
    warnings: tuple[str, ...] = ()  # unanswered or old safety answers, cautions
    advice: tuple[str, ...] = ()  # the evening meal, timing with other medicines
    seek_help: bool = False  # a warning sign: the loudest message the app has
    review: bool = False  # talk to your clinician about whether to go on
    needs: frozenset[Need] = frozenset()

    def to_json(self) -> dict[str, object]:
        """The object `rlstracker next-dose --json` prints (interfaces: keys are only added)."""
        dose = self.dose_mg
        if dose is not None and dose == int(dose):
            dose = int(dose)
        units = None if self.units is None else {"count": self.units.count, "unit": self.units.unit}
        return {
            "date": self.date.isoformat(),
            "action": self.action.value,
            "dose_mg": dose,
            "units": units,
            "reasons": list(self.reasons),
            "warnings": list(self.warnings),
            "seek_help": self.seek_help,
            "review": self.review,
        }


def suggest(
    plan: Plan,
    answers: SafetyAnswers | None,
    nights: Iterable[Night],
    tonight: date,
    product: Product | None = None,
    clearances: Iterable[Clearance] = (),
) -> Suggestion:
    """Tonight's suggestion. Reads only the nights before `tonight`."""
    answers = answers or NO_ANSWERS
    clearances = tuple(clearances)
    ladder = Ladder.of(product)
    status = safety_status(answers, clearances, plan, tonight)
    context = Context(
        tonight=tonight,
        plan=plan,
        history=History(nights, tonight, plan, ladder),
        ladder=ladder,
        status=status,
        clearances=clearances,
        product=product,
    )
    number, answer = first_rule_that_applies(context)
    reasons = list(answer.reasons)
    if number > 8:
        reasons += usual_state_words(context)
    advice: list[str] = []
    dose = answer.dose_mg
    if dose:
        advice.append(_("Take it with your evening meal."))
        advice += timing_advice(answers)
    found_warnings = warnings(answers, status, tonight)
    already = [n for n in context.history.all_entries if n.date == tonight and n.took_magnesium]
    if already and already[0].dose_mg:
        found_warnings.insert(
            0,
            _("You have already recorded {dose} of magnesium tonight.").format(
                dose=mg(already[0].dose_mg)
            ),
        )
    units = ladder.units(dose) if dose is not None else None
    if units is None and dose == 0 and ladder.unit is not None:
        units = UnitCount(0, ladder.unit)
    return Suggestion(
        date=tonight,
        action=answer.action,
        dose_mg=dose,
        reasons=tuple(reasons),
        rule=number,
        units=units,
        units_text=ladder.describe(dose) if dose else None,
        warnings=tuple(found_warnings),
        advice=tuple(advice),
        seek_help=answer.seek_help,
        review=answer.review,
        needs=answer.needs,
    )
