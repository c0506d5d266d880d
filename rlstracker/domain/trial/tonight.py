"""Tonight during a trial: the schedule answers (trial_on, trial_off, trial_blind), but every
safety answer of the guide comes first and pauses the trial; and when a trial can start."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rlstracker.domain.forms import Product
from rlstracker.domain.history import BREAK_DAYS, History
from rlstracker.domain.ladder import Ladder, UnitCount
from rlstracker.domain.language import _
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.rules import Action, Context
from rlstracker.domain.safety import (
    NO_ANSWERS,
    Clearance,
    SafetyAnswers,
    safety_status,
    timing_advice,
)
from rlstracker.domain.titration import ACTION_TITLES, Suggestion, suggest
from rlstracker.domain.trial.design import MIN_USABLE_NIGHTS, TRIAL_SETTLING_NIGHTS, Trial
from rlstracker.domain.trial.periods import NightUse, TrialView, view
from rlstracker.domain.trial.words import stop_reason_words
from rlstracker.domain.wording import day_words, joined, mg

# The guide's answers that stop or lower the dose, or ask for a clinician: they always come
# before the trial's schedule.
SAFETY_ACTIONS = frozenset({Action.CONSULT, Action.STOP, Action.STEP_BACK})
# Tonight says that a break stopped the trial until this many days after the dose is taken again.
BREAK_STOP_SHOWN_DAYS = 14
_EPS = 1e-6


@dataclass(frozen=True)
class Guide:
    """What the guide reads, together, so that the trial asks it exactly as Tonight does."""

    plan: Plan
    answers: SafetyAnswers | None
    nights: tuple[Night, ...]
    product: Product | None = None
    clearances: tuple[Clearance, ...] = ()

    def suggest(self, tonight: date) -> Suggestion:
        return suggest(self.plan, self.answers, self.nights, tonight, self.product, self.clearances)

    def context(self, tonight: date) -> Context:
        """The rules' context, built as suggest() builds it."""
        ladder = Ladder.of(self.product)
        return Context(
            tonight=tonight,
            plan=self.plan,
            history=History(self.nights, tonight, self.plan, ladder),
            ladder=ladder,
            status=safety_status(self.answers or NO_ANSWERS, self.clearances, self.plan, tonight),
            clearances=self.clearances,
            product=self.product,
        )


def guide(
    plan: Plan,
    answers: SafetyAnswers | None,
    nights: Iterable[Night],
    product: Product | None = None,
    clearances: Iterable[Clearance] = (),
) -> Guide:
    return Guide(plan, answers, tuple(nights), product, tuple(clearances))


def _is_safety(suggestion: Suggestion) -> bool:
    return suggestion.seek_help or suggestion.action in SAFETY_ACTIONS


def _guide_first_why(suggestion: Suggestion) -> str | None:
    """Why the guide's own answer stands tonight instead of the schedule's, or None: a safety
    answer (stop, step back, consult, a warning sign). A break never pauses a trial: it stops
    it (see periods.break_seen)."""
    if _is_safety(suggestion):
        return _("The guide's safety rules come first.")
    return None


def _why_not_this_dose(c: Context, dose: float) -> str | None:
    """Why the guide would not give `dose` tonight, or None when it would: the dose must still
    be tolerated (no moderate side effect at it, no break since), on the product's ladder and
    at or under the effective ceiling."""
    h = c.history
    if c.on_ladder(dose) is None or abs((c.on_ladder(dose) or 0) - dose) > _EPS:
        # Translators: {ceiling} says why, "the most it gives is 350 mg, the limit set in your
        # plan".
        return _("{dose} is no longer a dose the guide would give you: {ceiling}").format(
            dose=mg(dose), ceiling=c.ceiling_words()
        )
    tolerated = any(abs(c.ladder.recognise(t) - dose) <= _EPS for t in h.tolerated)
    if not tolerated:
        return _(
            "{dose} no longer counts as a dose that suits you (a moderate side effect at it, or "
            "a break since)."
        ).format(dose=mg(dose))
    return None


@dataclass(frozen=True)
class TrialOffer:
    """Whether a trial can start tonight, at which dose, and whether Tonight should offer it."""

    dose_mg: float | None  # the steady dose the trial would test; None: not now
    recommended: bool  # the guide has held the dose for its review period
    why_not: str = ""
    units_text: str | None = None


def trial_offer(g: Guide, tonight: date, suggestion: Suggestion | None = None) -> TrialOffer:
    """A trial tests a dose that suits the person, with the guide calm tonight: no safety
    answer, not paused, not on a break. Tonight offers it once the guide has held the dose for
    its review period (the maintain review); the menu offers it at any such time. `suggestion`
    is the guide's for tonight, when the caller has it already."""
    suggestion = suggestion or g.suggest(tonight)
    if _is_safety(suggestion):
        title = ACTION_TITLES[suggestion.action]
        return TrialOffer(
            None,
            False,
            # Translators: {title} is the guide's answer, "Stop"; {reason} its first reason.
            _("The guide says “{title}” tonight, and its safety rules come first: {reason}").format(
                title=title, reason=suggestion.reasons[0]
            ),
        )
    c = g.context(tonight)
    h = c.history
    current = c.ladder.recognise(c.current)
    if h.on_break or current <= 0:
        return TrialOffer(
            None,
            False,
            _(
                "A trial compares a dose that suits you with none, so it needs you to be taking "
                "that dose now. Follow the guide until it has held a dose for a while."
            ),
        )
    why = _why_not_this_dose(c, current)
    if why is not None:
        if any(abs(c.ladder.recognise(t) - current) <= _EPS for t in h.tolerated):
            return TrialOffer(None, False, why)
        return TrialOffer(
            None,
            False,
            _(
                "{dose} has not suited you for long enough yet: a trial tests a dose you have "
                "taken on at least 3 nights with every side effect recorded and none moderate. "
                "Follow the guide until then."
            ).format(dose=mg(current)),
        )
    held = len(h.nights_at(h.current_dose or 0))
    recommended = suggestion.action is Action.MAINTAIN and held >= g.plan.review_nights
    return TrialOffer(current, recommended, "", c.ladder.describe(current))


def position_words(v: TrialView) -> str:
    """'Trial, week 3 of 8, night 2'."""
    current = v.current
    assert current is not None
    design = v.trial.design
    night = (v.tonight - current.first).days + 1
    if design.weekly:
        said = _("Trial, week {number} of {periods}, night {night}")
    else:
        said = _("Trial, period {number} of {periods}, night {night}")
    return said.format(number=current.number, periods=design.periods, night=night)


def _extension_words(v: TrialView) -> list[str]:
    current = v.current
    assert current is not None
    if v.tonight <= current.planned_last:
        return []
    weekly = v.trial.design.weekly
    missing = [
        day_words(day, v.tonight)
        for day, use in current.uses
        if use in (NightUse.NOT_RECORDED, NightUse.NOT_AS_PLANNED)
    ]
    if weekly:
        # Translators: {settling} is 3 or more; {count} the nights that count so far.
        goes_on = _(
            "This week goes on one more night: it needs {usable} nights with your symptoms "
            "recorded and taken as planned, after its first {settling} nights, and has {count}."
        )
    else:
        goes_on = _(
            "This period goes on one more night: it needs {usable} nights with your symptoms "
            "recorded and taken as planned, after its first {settling} nights, and has {count}."
        )
    said = [
        goes_on.format(
            usable=MIN_USABLE_NIGHTS, settling=TRIAL_SETTLING_NIGHTS, count=current.usable
        )
    ]
    if missing:
        # Translators: {days} is a list of dates, "3 Nov and 4 Nov".
        said[0] += " " + _("Not counted: {days}.").format(days=joined(missing[-3:]))
    yesterday = v.tonight - timedelta(days=1)
    if (yesterday, NightUse.NOT_RECORDED) in current.uses and current.usable + 1 >= (
        MIN_USABLE_NIGHTS
    ):
        if weekly:
            first = _(
                "Rate last night's symptoms first: if that makes {usable}, this week ends as "
                "planned and tonight begins the next."
            )
        else:
            first = _(
                "Rate last night's symptoms first: if that makes {usable}, this period ends as "
                "planned and tonight begins the next."
            )
        said.append(first.format(usable=MIN_USABLE_NIGHTS))
    return said


def trial_suggestion(trial: Trial, g: Guide, tonight: date) -> Suggestion:
    """Tonight's answer while `trial` runs: the schedule's, unless a safety rule of the guide
    applies (stop, step back, consult, a warning sign) or the trial's dose is no longer one the
    guide would give. Then the guide's answer stands and the trial pauses, saying why. Once a
    break has stopped the trial (from the evening the guide counts it), the guide's answer,
    with why the trial is over (see break_stop_words)."""
    answer = g.suggest(tonight)
    v = view(trial, g.nights, tonight)
    if v.state != "running":
        said = break_stop_words(v, g.nights)
        return dataclasses.replace(answer, reasons=(*answer.reasons, *said)) if said else answer
    current = v.current
    if current is None:  # set up, not begun
        return dataclasses.replace(
            answer,
            reasons=(
                *answer.reasons,
                _("Your trial begins on the evening of {day}.").format(
                    day=day_words(trial.first_night, tonight)
                ),
            ),
        )
    where = position_words(v)
    context = g.context(tonight)
    first = _guide_first_why(answer)
    if first is not None:
        return _paused(
            answer, _("{where}: the trial pauses tonight.").format(where=where) + " " + first
        )
    magnesium = current.magnesium_on(tonight)
    # A sealed trial asks the same of the guide every night, whatever the box holds, so that
    # a pause never tells which nights are which.
    if magnesium or trial.sealed:
        why = _why_not_this_dose(context, trial.dose_mg)
        if why is not None:
            # Translators: {where} is "Trial, week 3 of 8, night 2"; {why} a sentence.
            pause = _(
                "{where}: the trial pauses. {why} The guide's answer stands; if this goes on, "
                "stop the trial."
            )
            return _paused(answer, pause.format(where=where, why=why))
    weekly = trial.design.weekly
    extension = _extension_words(v)
    answer = dataclasses.replace(
        answer, warnings=(*_unrecorded_last_night(trial, g, tonight), *answer.warnings)
    )
    ladder = Ladder.of(g.product)
    with_meal = [_("Take it with your evening meal."), *timing_advice(g.answers or NO_ANSWERS)]
    dose = mg(trial.dose_mg)
    if trial.sealed:
        reasons = [
            _("{where}: take tonight's capsules from the box your helper filled.").format(
                where=where
            )
        ]
        if tonight == current.first:
            if weekly:
                new = _("A new week begins tonight: the box should hold week {number}'s capsules.")
            else:
                new = _(
                    "A new period begins tonight: the box should hold period {number}'s capsules."
                )
            reasons.append(new.format(number=current.number))
        reasons.append(
            _(
                "Record them as taken: until the trial ends the diary counts them as {dose}, and "
                "then the app puts in what the box really held."
            ).format(dose=dose)
        )
        return _answer(answer, ladder, Action.TRIAL_BLIND, None, [*reasons, *extension], with_meal)
    if magnesium and tonight == current.bridge:
        if weekly:
            reasons = [
                _("{where}: no magnesium this week, except tonight: {dose}."),
                _(
                    "Two weeks without magnesium meet here. One dose between them keeps you from "
                    "{days} days without, which the guide counts as a break (it would then start "
                    "again from your start dose). Tonight is a settling night, left out of the "
                    "result."
                ),
            ]
        else:
            reasons = [
                _("{where}: no magnesium this period, except tonight: {dose}."),
                _(
                    "Two periods without magnesium meet here. One dose between them keeps you "
                    "from {days} days without, which the guide counts as a break (it would then "
                    "start again from your start dose). Tonight is a settling night, left out of "
                    "the result."
                ),
            ]
        reasons = [r.format(where=where, dose=dose, days=BREAK_DAYS) for r in reasons]
        return _answer(answer, ladder, Action.TRIAL_ON, trial.dose_mg, reasons, with_meal)
    if magnesium:
        if weekly:
            on = _("{where}: magnesium this week, {dose} every evening.")
        else:
            on = _("{where}: magnesium this period, {dose} every evening.")
        reasons = [on.format(where=where, dose=dose)]
        return _answer(
            answer, ladder, Action.TRIAL_ON, trial.dose_mg, [*reasons, *extension], with_meal
        )
    if weekly:
        off = _("{where}: no magnesium this week.")
    else:
        off = _("{where}: no magnesium this period.")
    reasons = [
        off.format(where=where),
        _(
            "Put 0 for magnesium in the night's diary: a night counts only when it says none "
            "was taken."
        ),
    ]
    return _answer(answer, ladder, Action.TRIAL_OFF, 0, [*reasons, *extension], [])


def break_stop_words(v: TrialView, nights: Iterable[Night]) -> list[str]:
    """What Tonight adds to the guide's answer after a break has stopped the trial: from the
    evening of the stop until BREAK_STOP_SHOWN_DAYS after the first dose recorded since (while
    none is, every evening), so that a person back from a break is told whatever evening they
    come back; else nothing."""
    trial, tonight = v.trial, v.tonight
    stop = trial.stopped_on
    if stop is None or not trial.stopped_by_break or tonight < stop:
        return []
    since = [n.date for n in nights if n.took_magnesium and stop <= n.date < tonight]
    if since and (tonight - min(since)).days > BREAK_STOP_SHOWN_DAYS:
        return []
    return [
        # Translators: {reason} is "a break (no dose recorded for 14 days after 3 Nov 2026)".
        _(
            "Your trial stopped on the evening of {day}, by {reason}. After a break the guide "
            "builds the dose up again from the start, so the trial can no longer compare the "
            "dose it tested with none: a trial stopped early gives no result."
        ).format(day=day_words(stop, tonight), reason=stop_reason_words(trial)),
        _("You can start a new trial once the guide has held a dose for a while again."),
    ]


def tonight_answer(trial: Trial | None, g: Guide, tonight: date) -> Suggestion:
    """What to take tonight, whoever answers: the trial's schedule while one runs (safety rules
    first), else the guide. Every place that says tonight's dose asks this."""
    return g.suggest(tonight) if trial is None else trial_suggestion(trial, g, tonight)


def _unrecorded_last_night(trial: Trial, g: Guide, tonight: date) -> list[str]:
    """During a trial every night's dose counts: for the trial (a night counts only when the
    diary says it was taken as planned) and for the guide (it counts a break from the doses
    recorded)."""
    yesterday = tonight - timedelta(days=1)
    if yesterday < trial.first_night:
        return []
    night = next((n for n in g.nights if n.date == yesterday), None)
    if night is not None and night.dose_mg is not None:
        counted = view(trial, g.nights, tonight).periods
        settled = any(
            day == yesterday and use is not NightUse.SETTLING
            for p in counted
            for day, use in p.uses
        )
        if night.symptom_severity is None and settled:
            return [
                _(
                    "Rate last night's symptoms in the night's diary: the trial counts that "
                    "night, and only with them."
                )
            ]
        return []
    if trial.sealed:
        said = _(
            "Last night's magnesium is not in the diary. Record it in the night's diary ({dose} "
            "if you took the capsules from the box, 0 if not): the trial counts a night only "
            "with it, and the guide counts {days} days without a recorded dose as a break."
        )
    else:
        said = _(
            "Last night's magnesium is not in the diary. Record it in the night's diary (0 if "
            "you took none): the trial counts a night only with it, and the guide counts {days} "
            "days without a recorded dose as a break."
        )
    return [said.format(dose=mg(trial.dose_mg), days=BREAK_DAYS)]


def _paused(answer: Suggestion, why: str) -> Suggestion:
    """The guide's answer, its own reasons first (they say what to do), then the trial's."""
    return dataclasses.replace(answer, reasons=(*answer.reasons, why))


def _answer(
    guide_answer: Suggestion,
    ladder: Ladder,
    action: Action,
    dose: float | None,
    reasons: list[str],
    advice: list[str],
) -> Suggestion:
    """The trial's answer, with the warnings the guide gave (answers to confirm, medicines,
    a dose already recorded tonight)."""
    units = ladder.units(dose) if dose else None
    if dose == 0 and ladder.unit is not None:
        units = UnitCount(0, ladder.unit)
    return Suggestion(
        date=guide_answer.date,
        action=action,
        dose_mg=dose,
        reasons=tuple(reasons),
        rule=0,
        units=units,
        units_text=ladder.describe(dose) if dose else None,
        warnings=guide_answer.warnings,
        advice=tuple(advice),
    )
