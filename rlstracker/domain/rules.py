"""The guide's fifteen rules (v2), in order, one small function each, numbered as the rules
number them. Each reads a Context and answers, or passes to the next. The README's "The guide's
rules" says each in plain words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.history import History, effects_words, grade, mean_severity
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import _, ngettext, number
from rlstracker.domain.models import RED_FLAG_WORDS, SIDE_EFFECTS, Night, effect_at_grade
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import (
    SEEK_HELP,
    Clearance,
    SafetyStatus,
    cleared,
    consult_reasons,
)
from rlstracker.domain.wording import day_words, joined, mg

RECENT_SIGN_NIGHTS = 3  # rule 1
SETTLE_NIGHTS = 2  # rules 4, 5, 6 and 10: the nights a side effect must have settled over
HOLD_NIGHTS = 3  # rule 8
SETTLE_DAYS = 3  # "usually a day or two" only for a side effect this recent
CONTROL_NIGHTS = 7  # rules 11-13: the last nights at the dose that judge it
MIN_SYMPTOM_NIGHTS = 4  # of the last 7 nights at the dose, with symptoms recorded
REVIEW_NIGHTS = 14  # the maintain review compares the last 14 nights with the baseline
WORSE_BY = 2.0  # rule 12: points above the baseline mean
REVIEW_MIN_IMPROVEMENT = 2.0  # points better than the baseline, or the review flag is set
SAME_WITHIN = 0.5  # a change smaller than this is "about the same"
_EPS = 1e-6


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
    # During a personal trial (domain/trial), when no safety rule applies:
    TRIAL_ON = "trial_on"  # the steady dose the guide held
    TRIAL_OFF = "trial_off"  # no magnesium
    TRIAL_BLIND = "trial_blind"  # the capsules from the box a helper filled; dose sealed


class Need(str, Enum):
    """What the person can do in the app to move the guide on."""

    ANSWERS = "answers"  # answer the safety questions
    CONFIRMATION = "confirmation"  # confirm the safety answers
    CLEARANCE = "clearance"  # record that a clinician said they may take magnesium


@dataclass(frozen=True)
class Answer:
    """A rule's answer, before the suggestion is dressed with units, warnings and advice."""

    action: Action
    dose_mg: float | None
    reasons: tuple[str, ...]
    review: bool = False
    seek_help: bool = False
    needs: frozenset[Need] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Context:
    """Everything a rule reads."""

    tonight: date
    plan: Plan
    history: History
    ladder: Ladder
    status: SafetyStatus
    clearances: tuple[Clearance, ...]
    product: Product | None

    @property
    def ceiling(self) -> float:
        """The effective ceiling: the plan's ceiling, kept at least one step below the cap; the
        start dose while the strongest reasons are cleared but the ceiling is not approved."""
        ceiling = self.plan.ceiling_mg
        cap = self.history.cap
        if cap is not None:
            ceiling = min(ceiling, cap.dose_mg - self.plan.step_mg)
        if self.status.start_dose_only:
            ceiling = min(ceiling, self.plan.start_mg)
        return ceiling

    @property
    def current(self) -> float:
        """The current dose (0 when none is recorded)."""
        return self.history.current_dose or 0

    def on_ladder(self, dose: float) -> float | None:
        """`dose` rounded down to the ladder and kept at or under the effective ceiling."""
        return self.ladder.at_or_below(dose, self.ceiling) if dose > 0 else None

    def day(self, day: date) -> str:
        return day_words(day, self.tonight)

    def why_nothing_fits(self, wanted: float, what: str = "") -> str:
        """Why no ladder dose above 0 is at or under `wanted` (`what` names it: "your start
        dose") and the ceiling."""
        ladder = self.ladder
        if ladder.has_units and ladder.per_unit_mg is not None:
            per_unit = ladder.per_unit_mg
            upper = ladder.upper_per_unit_mg or per_unit
            one = self.one_unit()
            if wanted <= _EPS or wanted >= self.ceiling - _EPS:
                return _(
                    "{one} holds {dose}, more than {limit}: a lower-strength product would let "
                    "you take less."
                ).format(one=one, dose=mg(per_unit), limit=self.limit_words())
            if per_unit > wanted + _EPS:
                if what == "start":
                    text = _(
                        "{one} holds {dose}, more than your start dose of {wanted}: a "
                        "lower-strength product would let you start low."
                    )
                elif what == "ceiling":
                    text = _(
                        "{one} holds {dose}, more than your ceiling of {wanted}: a "
                        "lower-strength product would let you start low."
                    )
                else:
                    text = _(
                        "{one} holds {dose}, more than {wanted}: a lower-strength product would "
                        "let you start low."
                    )
                return text.format(one=one, dose=mg(per_unit), wanted=mg(wanted))
            if upper > self.ceiling + _EPS:
                return _(
                    "{one} may hold up to {dose}, more than your ceiling of {ceiling}: a "
                    "lower-strength product would let you take less."
                ).format(one=one, dose=mg(upper), ceiling=mg(self.ceiling))
        return _("There is no dose above 0 under your ceiling of {ceiling}.").format(
            ceiling=mg(self.ceiling)
        )

    def one_unit(self) -> str:
        """'One capsule of Magnesium Plus', 'One tablet': a whole unit of the product."""
        ladder = self.ladder
        unit = unit_label(ladder.unit or "unit", 1)
        if ladder.product_name:
            return _("One {unit} of {product}").format(unit=unit, product=ladder.product_name)
        return _("One {unit}").format(unit=unit)

    def limit_words(self) -> str:
        """'your ceiling of 50 mg (one step below 100 mg, which brought moderate
        diarrhoea on 3 Nov)', or the plan's ceiling alone."""
        plan, cap = self.plan, self.history.cap
        ceiling = mg(self.ceiling)
        if self.status.start_dose_only and self.ceiling >= plan.start_mg - _EPS:
            return _(
                "your ceiling of {ceiling} (your start dose, until your clinician approves a "
                "ceiling)"
            ).format(ceiling=ceiling)
        if cap is not None and cap.dose_mg - plan.step_mg < plan.ceiling_mg:
            return _(
                "your ceiling of {ceiling} (one step below {cap}, which brought {what} on {day})"
            ).format(ceiling=ceiling, cap=mg(cap.dose_mg), what=cap.what, day=self.day(cap.date))
        return _("your ceiling of {ceiling}").format(ceiling=ceiling)

    def why_lower(self, wanted: float, dose: float) -> str:
        """Why `dose` is below `wanted`: the ceiling, or the product's whole units."""
        if wanted > self.ceiling + _EPS or not self.ladder.fits(wanted, self.ceiling):
            return _("{dose} would be more than {limit}.").format(
                dose=mg(wanted), limit=self.limit_words()
            )
        return _(
            "In whole {units} of {product} ({each} each), the nearest dose at or below {wanted} "
            "is {dose}."
        ).format(
            units=unit_label(self.ladder.unit or "unit", 2),
            product=self.ladder.product_name or _("your product"),
            each=mg(self.ladder.per_unit_mg or 0),
            wanted=mg(wanted),
            dose=mg(dose),
        )

    def ceiling_words(self) -> str:
        """What sets the effective ceiling, in a sentence."""
        plan, cap = self.plan, self.history.cap
        if self.status.start_dose_only and self.ceiling >= plan.start_mg - _EPS:
            return _(
                "Because of your safety answers, the guide keeps to your start dose until you "
                "record that your clinician approved a ceiling (Settings, Plan)."
            )
        if cap is not None and cap.dose_mg - plan.step_mg < plan.ceiling_mg:
            return _(
                "{cap} brought {what} on {day}, so the guide keeps at least one step ({step}) "
                "below it."
            ).format(
                cap=mg(cap.dose_mg), what=cap.what, day=self.day(cap.date), step=mg(plan.step_mg)
            )
        return _("Your plan's ceiling is {ceiling}.").format(ceiling=mg(plan.ceiling_mg))


Rule = Callable[[Context], Answer | None]


def _signs(night: Night) -> str:
    return joined(sorted(RED_FLAG_WORDS[f] for f in night.red_flags))


def _magnesium_around(c: Context, night: Night) -> bool:
    """The dose of the sign's night, or of one of the 3 nights before it, was above 0."""
    h = c.history
    return any((h.dose_of(n) or 0) > 0 for n in [*h.before(night, 3), night])


def _stop(reasons: list[str], needs: frozenset[Need] = frozenset()) -> Answer:
    return Answer(Action.STOP, 0, tuple(reasons), needs=needs)


def _stop_nothing_fits(c: Context, why: str | None, wanted: float, what: str = "") -> Answer:
    """stop: nothing on the ladder fits. `why` (the rule's own reason) comes first; without
    one, the product's unit is the reason."""
    return _stop(
        [
            *([why] if why else []),
            c.why_nothing_fits(wanted, what),
            _(
                "Ask your clinician or pharmacist whether another product or form of magnesium, "
                "or something else, would suit you better."
            ),
        ]
    )


def _stay(
    c: Context, action: Action, reasons: Callable[[float], list[str]], review: bool = False
) -> Answer:
    """Stay at the current dose: on the ladder, or the ladder dose just below it, saying why."""
    current = c.ladder.recognise(c.current)
    dose = c.on_ladder(current)
    if dose is None:
        why = _("You are taking {dose}.").format(dose=mg(c.current))
        return _stop_nothing_fits(c, why, current)
    said = reasons(dose)
    if dose < current - _EPS:
        unit = c.ladder.unit or "unit"
        if not c.ladder.fits(current, c.ceiling):
            said.insert(
                0,
                _(
                    "{dose} may hold up to {upper} (products of this form vary), more than "
                    "{limit}. The nearest dose below it that you can take is {lower}."
                ).format(
                    dose=mg(c.current),
                    upper=mg(c.ladder.upper(current)),
                    limit=c.limit_words(),
                    lower=mg(dose),
                ),
            )
        else:
            said.insert(
                0,
                _(
                    "{dose} is not a whole number of {units} of {product} ({each} each). The "
                    "nearest dose below it that you can take is {lower}."
                ).format(
                    dose=mg(c.current),
                    units=unit_label(unit, 2),
                    product=c.ladder.product_name or _("your product"),
                    each=mg(c.ladder.per_unit_mg or 0),
                    lower=mg(dose),
                ),
            )
    return Answer(action, dose, tuple(said), review=review)


# The rules, in order.


def rule_1_warning_sign_lately(c: Context) -> Answer | None:
    """stop, seek medical help now: a warning sign on one of the last 3 nights, not cleared."""
    signs = [
        n
        for n in c.history.recent(RECENT_SIGN_NIGHTS)
        if n.red_flags and not cleared(n, c.clearances)
    ]
    if not signs:
        return None
    night = signs[-1]
    reasons = [
        _("You recorded {signs} on {day}.").format(signs=_signs(night), day=c.day(night.date))
    ]
    if _magnesium_around(c, night):
        reasons.append(_("These can be signs of too much magnesium in the blood."))
    else:
        reasons.append(_("Warning signs like these need a doctor's attention."))
    reasons += [
        _(SEEK_HELP),
        _(
            "Don't take magnesium again until a clinician has said it is safe; then record "
            "that (a clearance)."
        ),
    ]
    return Answer(Action.STOP, 0, tuple(reasons), seek_help=True, needs=frozenset({Need.CLEARANCE}))


def rule_2_warning_sign_held(c: Context) -> Answer | None:
    """stop, held: a warning sign on any earlier night, and no clearance dated after it."""
    signs = [n for n in c.history.nights if n.red_flags and not cleared(n, c.clearances)]
    if not signs:
        return None
    night = signs[-1]
    return _stop(
        [
            _("You recorded {signs} on {day}.").format(signs=_signs(night), day=c.day(night.date)),
            _(
                "Don't take magnesium again until a clinician has said it is safe; then record "
                "that (a clearance), and the guide will go on."
            ),
        ],
        frozenset({Need.CLEARANCE}),
    )


def rule_3_consult(c: Context) -> Answer | None:
    """consult: safety answers missing, old, or needing a clinician first. No dose."""
    status = c.status
    if not status.consult:
        return None
    needs = set()
    if status.unanswered:
        needs.add(Need.ANSWERS)
    if status.unconfirmed or status.stale:
        needs.add(Need.CONFIRMATION)
    if status.needs_clinician:
        needs.add(Need.CLEARANCE)
    return Answer(
        Action.CONSULT, None, tuple(consult_reasons(status, c.tonight)), needs=frozenset(needs)
    )


def rule_4_resume(c: Context) -> Answer | None:
    """restart after a pause (current dose 0) or a break (no dose for 14 days or more), once any
    side effect has settled; otherwise stay paused."""
    h, plan = c.history, c.plan
    if h.last_taken is None or not (c.current == 0 or h.on_break):
        return None
    last_taken = h.last_taken
    last = last_taken.dose_mg or 0
    troubled = [n for n in h.recent(SETTLE_NIGHTS) if grade(n) >= 1]
    if troubled:
        latest = troubled[-1]
        if not h.on_break or (c.tonight - latest.date).days <= SETTLE_DAYS:
            return _stop(
                [
                    _("You had {effects} on {day}. Stay paused until it has settled.").format(
                        effects=effects_words(latest), day=c.day(latest.date)
                    ),
                ]
            )
    # (dose, why, order): the lowest dose wins; at a tie, the earlier reason.
    candidates: list[tuple[float, str, int]] = [(last, "last", 0)]
    tolerated = h.highest_tolerated(at_most=c.ceiling)
    if tolerated is not None:
        candidates.append((tolerated, "tolerated", 1))
    elif h.cap is not None:
        below_cap = c.ladder.step_down(h.cap.dose_mg, plan.step_mg) or 0
        candidates.append((min(plan.start_mg, below_cap), "cap", 2))
    else:
        candidates.append((plan.start_mg, "start", 3))
    if h.on_break:
        candidates.append((plan.start_mg, "break", 4))
    wanted, why, _order = min(candidates, key=lambda item: (item[0], item[2]))
    dose = c.on_ladder(wanted)
    since = _("You have taken no magnesium since {day}.").format(day=c.day(last_taken.date))
    if dose is None:
        return _stop_nothing_fits(c, since, wanted)
    since_taken = [n for n in h.nights if n.date > last_taken.date]
    before_pause = [*h.before(last_taken, 2), last_taken]
    if (
        not h.on_break
        and 1 <= len(since_taken) <= 2
        and all(n.dose_mg == 0 for n in since_taken)  # forgotten, not unrecorded
        and abs(dose - last) <= _EPS
        and not any(grade(n) >= 2 for n in before_pause)
    ):
        days = [n.date for n in since_taken]
        yesterday = c.tonight - timedelta(days=1)
        if days == [yesterday]:
            missed = _("You missed last night's dose; go on with {dose}.")
        elif days == [yesterday - timedelta(days=1), yesterday]:
            missed = _("You missed your dose on the last 2 nights; go on with {dose}.")
        else:
            missed = _("You missed your dose on {days}; go on with {dose}.")
        said = missed.format(days=joined([c.day(d) for d in days]), dose=mg(dose))
        return Answer(Action.RESTART, dose, (said,))
    reasons = [since]
    if abs(dose - last) <= _EPS:
        reasons.append(_("Restart at {dose}, the dose you took last.").format(dose=mg(dose)))
    elif why == "break":
        away = (c.tonight - last_taken.date).days
        reasons.append(
            ngettext(
                "After a break of {count} day the guide starts again from your plan's start "
                "dose: restart at {dose}, then go up step by step.",
                "After a break of {count} days the guide starts again from your plan's start "
                "dose: restart at {dose}, then go up step by step.",
                away,
            ).format(count=away, dose=mg(dose))
        )
    elif why == "tolerated":
        reasons.append(
            _(
                "Restart at {dose}, the highest dose that has suited you (you last took {last})."
            ).format(dose=mg(dose), last=mg(last))
        )
    elif why == "cap" and h.cap is not None:
        reasons.append(
            _(
                "{cap} brought {what} on {day}, and no dose has suited you for long enough yet: "
                "restart at {dose}."
            ).format(cap=mg(h.cap.dose_mg), what=h.cap.what, day=c.day(h.cap.date), dose=mg(dose))
        )
    elif why == "start":
        reasons.append(
            _(
                "No dose has suited you for long enough yet (you last took {last}): restart at "
                "{dose}, your plan's start dose."
            ).format(last=mg(last), dose=mg(dose))
        )
    else:
        reasons.append(_("Restart at {dose}.").format(dose=mg(dose)))
    if dose < wanted - _EPS:
        reasons.insert(-1, c.why_lower(wanted, dose))
    return Answer(Action.RESTART, dose, tuple(reasons))


def rule_5_severe(c: Context) -> Answer | None:
    """stop: a grade 3 in the last 2 nights, at a current dose above 0."""
    if c.current <= 0:
        return None
    severe = [n for n in c.history.recent(SETTLE_NIGHTS) if grade(n) == 3]
    if not severe:
        return None
    night = severe[-1]
    recent = (c.tonight - night.date).days <= SETTLE_DAYS
    return _stop(
        [
            _("You had {effects} on {day}.").format(
                effects=effects_words(night, 3), day=c.day(night.date)
            ),
            _("Take no magnesium until it has settled (usually a day or two).")
            if recent
            else _("Take no magnesium until it has settled."),
            _("If it does not settle, or you feel unwell, contact your doctor."),
        ]
    )


def rule_6_moderate(c: Context) -> Answer | None:
    """step_back: a grade 2 on one of the last 2 nights at the current dose."""
    h, plan, current = c.history, c.plan, c.current
    if current <= 0:
        return None
    moderate = [
        n
        for n in h.recent(SETTLE_NIGHTS)
        if grade(n) == 2 and abs((h.dose_of(n) or 0) - current) <= _EPS
    ]
    if not moderate:
        return None
    night = moderate[-1]
    why = _("You had {effects} on {day} at {dose}.").format(
        effects=effects_words(night, 2), day=c.day(night.date), dose=mg(current)
    )
    tolerated = h.highest_tolerated(below=current, at_most=c.ceiling)
    if tolerated is not None:
        dose = c.on_ladder(tolerated)
        if dose is not None:
            return Answer(
                Action.STEP_BACK,
                dose,
                (
                    why,
                    _("Go back to {dose}, the highest dose that has suited you.").format(
                        dose=mg(dose)
                    ),
                ),
            )
    down = c.ladder.step_down(current, plan.step_mg)
    if down is None:
        return _stop(
            [
                why,
                _(
                    "There is no lower step to go back to. Ask your clinician or pharmacist "
                    "whether another form of magnesium, or something else, would suit you better."
                ),
            ]
        )
    wanted = min(plan.start_mg, down, c.ceiling)
    dose = c.on_ladder(wanted)
    if dose is None:
        return _stop_nothing_fits(c, why, wanted)
    return Answer(Action.STEP_BACK, dose, (why, _("Go down to {dose}.").format(dose=mg(dose))))


def rule_7_too_high(c: Context) -> Answer | None:
    """step_back: a current dose above the effective ceiling, or more than one step up from the
    highest tolerated dose. The plan goes one step at a time."""
    h, plan, ladder = c.history, c.plan, c.ladder
    current = ladder.recognise(c.current)
    if current <= 0:
        return None
    above_ceiling = not ladder.fits(current, c.ceiling)
    highest = h.highest_tolerated()
    if highest is None:
        start_rung = ladder.at_or_below(plan.start_mg)
        jumped = current > plan.start_mg + _EPS and (
            start_rung is None or current > start_rung + _EPS
        )
    else:
        jumped = current > highest + _EPS and not ladder.within_one_step(
            highest, current, plan.step_mg
        )
    if not (above_ceiling or jumped):
        return None
    if above_ceiling and current > c.ceiling + _EPS:
        why = _("{dose} is above {limit}.").format(dose=mg(c.current), limit=c.limit_words())
    elif above_ceiling:
        why = _(
            "{dose} may hold up to {upper} (products of this form vary), more than {limit}."
        ).format(dose=mg(c.current), upper=mg(ladder.upper(current)), limit=c.limit_words())
    elif highest is not None:
        why = _(
            "{dose} is more than one step above {highest}, the highest dose that has suited "
            "you: the plan goes one step at a time."
        ).format(dose=mg(c.current), highest=mg(highest))
    else:
        why = _(
            "{dose} is above your start dose of {start}, and no dose has suited you for long "
            "enough yet: the plan goes one step at a time."
        ).format(dose=mg(c.current), start=mg(plan.start_mg))
    tolerated = h.highest_tolerated(at_most=c.ceiling)
    wanted = tolerated if tolerated is not None else min(plan.start_mg, c.ceiling)
    dose = c.on_ladder(wanted)
    if dose is None:
        return _stop_nothing_fits(c, why, wanted)
    return Answer(Action.STEP_BACK, dose, (why, _("Go back to {dose}.").format(dose=mg(dose))))


def rule_8_side_effects(c: Context) -> Answer | None:
    """hold: any grade of 1 or more in the last 3 nights, at a current dose above 0, except a
    grade 1 in a side effect that at least half of the baseline nights showed."""
    if c.current <= 0:
        return None
    usual = c.history.usual_effects()
    holding = [n for n in c.history.recent(HOLD_NIGHTS) if _holds(n, usual)]
    if not holding:
        return None
    night = holding[-1]
    return _stay(
        c,
        Action.HOLD,
        lambda dose: [
            _("You had {effects} on {day}.").format(
                effects=effects_words(night), day=c.day(night.date)
            ),
            _("Stay at {dose} until it settles; no step up while side effects show.").format(
                dose=mg(dose)
            ),
        ],
    )


def _holds(night: Night, usual: dict[str, tuple[int, int]]) -> bool:
    for effect in SIDE_EFFECTS:
        value = night.grade(effect) or 0
        if value >= 2 or (value == 1 and effect not in usual):
            return True
    return False


def rule_9_baseline(c: Context) -> Answer | None:
    """baseline: no dose taken yet, fewer baseline nights than planned."""
    h = c.history
    missing = c.plan.baseline_nights - len(h.baseline)
    if h.ever_dosed or missing <= 0:
        return None
    return Answer(
        Action.BASELINE,
        0,
        (
            ngettext(
                "Record {count} more night without magnesium, with your symptoms, so that you "
                "can tell later whether anything changed once you started.",
                "Record {count} more nights without magnesium, with your symptoms, so that you "
                "can tell later whether anything changed once you started.",
                missing,
            ).format(count=missing),
        ),
    )


def rule_10_start(c: Context) -> Answer | None:
    """start: no dose taken yet: the start dose on the ladder, with the evening meal; but while
    the last 2 nights show a grade of 2 or more, baseline."""
    h, plan = c.history, c.plan
    if h.ever_dosed:
        return None
    upset = [n for n in h.recent(SETTLE_NIGHTS) if grade(n) >= 2]
    if upset:
        night = upset[-1]
        return Answer(
            Action.BASELINE,
            0,
            (
                _(
                    "You had {effects} on {day}, before any magnesium. Wait until it has "
                    "settled before you start."
                ).format(effects=effects_words(night, 2), day=c.day(night.date)),
            ),
        )
    dose = c.on_ladder(plan.start_mg)
    if dose is None:
        wanted = min(plan.start_mg, c.ceiling)
        what = "start" if wanted >= plan.start_mg else "ceiling"
        return _stop_nothing_fits(c, None, wanted, what)
    reasons = [
        _("Start at {dose}, with your evening meal. Start low, go slowly.").format(dose=mg(dose))
    ]
    if dose < plan.start_mg - _EPS:
        if c.ceiling < plan.start_mg - _EPS:
            reasons.insert(0, c.ceiling_words())
        else:
            units = c.ladder.units(dose)
            reasons.insert(
                0,
                _(
                    "Your plan starts at {start}; in whole {units} the nearest below it is {dose}."
                ).format(
                    start=mg(plan.start_mg),
                    units=unit_label(c.ladder.unit or "unit", 2),
                    dose=units.text if units else mg(dose),
                ),
            )
    return Answer(Action.START, dose, tuple(reasons))


def rule_11_not_yet(c: Context) -> Answer | None:
    """hold: fewer nights at the current dose than the interval; or a side effect not recorded
    on one of the last [interval] nights at it; or symptoms on fewer than 4 of the last 7."""
    plan = c.plan
    run = c.history.nights_at(c.current)
    if len(run) < plan.interval_nights:
        missing = plan.interval_nights - len(run)
        return _stay(
            c,
            Action.HOLD,
            lambda dose: (
                [
                    ngettext(
                        "{count} more night at this dose before the next step: side effects "
                        "and any benefit take time to show.",
                        "{count} more nights at this dose before the next step: side effects "
                        "and any benefit take time to show.",
                        missing,
                    ).format(count=missing),
                    _("Stay at {dose}.").format(dose=mg(dose)),
                ]
                if abs(dose - c.ladder.recognise(c.current)) <= _EPS
                else [
                    ngettext(
                        "At {dose} the guide counts {count} night before the next step: side "
                        "effects and any benefit take time to show.",
                        "At {dose} the guide counts {count} nights before the next step: side "
                        "effects and any benefit take time to show.",
                        plan.interval_nights,
                    ).format(dose=mg(dose), count=plan.interval_nights),
                ]
            ),
        )
    unrecorded = [n for n in run[-plan.interval_nights :] if not n.side_effects_recorded]
    if unrecorded:
        days = joined([c.day(n.date) for n in unrecorded[-3:]])
        return _stay(
            c,
            Action.HOLD,
            lambda dose: [
                _(
                    "Side effects were not recorded for {days}. Record them (none is an answer "
                    "too) so that the guide can tell whether this dose suits you."
                ).format(days=days),
                _("Stay at {dose}.").format(dose=mg(dose)),
            ],
        )
    recent = run[-CONTROL_NIGHTS:]
    with_symptoms = sum(1 for n in recent if n.symptom_severity is not None)
    if with_symptoms < MIN_SYMPTOM_NIGHTS:
        return _stay(
            c,
            Action.HOLD,
            lambda dose: [
                ngettext(
                    "Symptoms were recorded on {recorded} of the last {count} night at this "
                    "dose; the guide needs at least {needed} to judge it.",
                    "Symptoms were recorded on {recorded} of the last {count} nights at this "
                    "dose; the guide needs at least {needed} to judge it.",
                    len(recent),
                ).format(recorded=with_symptoms, count=len(recent), needed=MIN_SYMPTOM_NIGHTS),
                _("Stay at {dose}.").format(dose=mg(dose)),
            ],
        )
    return None


def rule_12_worse(c: Context) -> Answer | None:
    """maintain, review now: the last 7 nights at the dose are 2 or more points worse than the
    baseline mean."""
    baseline = c.history.baseline_mean
    recent = c.history.nights_at(c.current)[-CONTROL_NIGHTS:]
    now = mean_severity(recent)
    if baseline is None or now is None or now < baseline + WORSE_BY - _EPS:
        return None
    count = sum(1 for n in recent if n.symptom_severity is not None)
    return _stay(
        c,
        Action.MAINTAIN,
        lambda dose: [
            ngettext(
                "Your symptoms averaged {now} of 10 over the last {count} night at this dose, "
                "against {baseline} before magnesium: worse than before magnesium.",
                "Your symptoms averaged {now} of 10 over the last {count} nights at this dose, "
                "against {baseline} before magnesium: worse than before magnesium.",
                count,
            ).format(now=number(now, 1), count=count, baseline=number(baseline, 1)),
            _(
                "Talk to your clinician about whether to go on. Until then, stay at {dose}; "
                "don't go higher."
            ).format(dose=mg(dose)),
        ],
        review=True,
    )


def rule_13_controlled(c: Context) -> Answer | None:
    """maintain: controlled (the mean of the last 7 nights at the dose is at or below the
    target)."""
    recent = c.history.nights_at(c.current)[-CONTROL_NIGHTS:]
    now = mean_severity(recent)
    if now is None or now > c.plan.target_severity + _EPS:
        return None
    count = sum(1 for n in recent if n.symptom_severity is not None)
    return _maintain(
        c,
        lambda dose: [
            ngettext(
                "Your symptoms averaged {now} of 10 over the last {count} night, at or below "
                "your target of {target}.",
                "Your symptoms averaged {now} of 10 over the last {count} nights, at or below "
                "your target of {target}.",
                count,
            ).format(now=number(now, 1), count=count, target=number(c.plan.target_severity)),
            _("Stay at {dose}.").format(dose=mg(dose)),
        ],
    )


def rule_14_no_step_up(c: Context) -> Answer | None:
    """maintain: there is no step up."""
    current = c.ladder.recognise(c.current)
    if c.ladder.step_up(current, c.plan.step_mg, c.ceiling) is not None:
        return None
    ladder = c.ladder
    bigger_unit = (
        ladder.per_unit_mg is not None
        and ladder.fits(current, c.ceiling)
        and ladder.step_up(current, c.plan.step_mg) is None
    )
    unlimited = ladder.step_up(current, c.plan.step_mg)
    if bigger_unit:
        why = _(
            "The next whole {unit} would be more than two steps ({steps}) up: there is no step "
            "up with this product."
        ).format(unit=unit_label(ladder.unit or "unit", 1), steps=mg(2 * c.plan.step_mg))
    elif unlimited is not None and unlimited <= c.ceiling + _EPS:
        why = _(
            "The next step, {dose}, may hold up to {upper} (products of this form vary), more "
            "than {limit}: there is no step up."
        ).format(dose=mg(unlimited), upper=mg(ladder.upper(unlimited)), limit=c.limit_words())
    else:
        why = _("There is no step up from here: you are at {limit}.").format(limit=c.limit_words())
    return _maintain(c, lambda dose: [why, _("Stay at {dose}.").format(dose=mg(dose))])


def rule_15_raise(c: Context) -> Answer | None:
    """raise: one step up."""
    current = c.ladder.recognise(c.current)
    up = c.ladder.step_up(current, c.plan.step_mg, c.ceiling)
    if up is None:
        return None
    run = c.history.nights_at(c.current)
    now = mean_severity(run[-CONTROL_NIGHTS:])
    if now is not None:
        symptoms = _(
            "Your symptoms averaged {now} of 10, above your target of {target}: the guide "
            "suggests one step up, to {dose}."
        ).format(now=number(now, 1), target=number(c.plan.target_severity), dose=mg(up))
    else:
        symptoms = _(
            "Your symptoms are above your target: the guide suggests one step up, to {dose}."
        ).format(dose=mg(up))
    if usual_state_words(c):
        nights = ngettext(
            "{count} night at {dose}, with no side effects beyond your usual state in the last "
            "{last} nights.",
            "{count} nights at {dose}, with no side effects beyond your usual state in the last "
            "{last} nights.",
            len(run),
        )
    else:
        nights = ngettext(
            "{count} night at {dose}, with no side effects in the last {last} nights.",
            "{count} nights at {dose}, with no side effects in the last {last} nights.",
            len(run),
        )
    return Answer(
        Action.RAISE,
        up,
        (nights.format(count=len(run), dose=mg(c.current), last=HOLD_NIGHTS), symptoms),
    )


def _maintain(c: Context, reasons: Callable[[float], list[str]]) -> Answer:
    """maintain, with the review after the review period at a steady dose."""
    run = c.history.nights_at(c.current)
    review = False
    extra: list[str] = []
    if len(run) >= c.plan.review_nights:
        baseline = c.history.baseline_mean
        recent = [n for n in run if n.symptom_severity is not None][-REVIEW_NIGHTS:]
        now = mean_severity(recent)
        if baseline is None or now is None:
            review = True
            extra.append(
                ngettext(
                    "After {count} night at this dose there is no baseline (nights before "
                    "magnesium) to compare with: talk to your clinician about whether to go on.",
                    "After {count} nights at this dose there is no baseline (nights before "
                    "magnesium) to compare with: talk to your clinician about whether to go on.",
                    len(run),
                ).format(count=len(run))
            )
        else:
            change = baseline - now
            if change >= SAME_WITHIN:
                how = _("better by {points} points").format(points=number(change, 1))
            elif change <= -SAME_WITHIN:
                how = _("worse by {points} points").format(points=number(-change, 1))
            else:
                how = _("about the same")
            # Translators: {how} is "better by 2.5 points", "worse by 1.0 points" or "about
            # the same".
            text = ngettext(
                "After {nights} nights at this dose, your symptoms over the last {count} night "
                "averaged {now} of 10, against {baseline} before magnesium: {how}. A self-rated "
                "diary can suggest this, not prove that magnesium did it.",
                "After {nights} nights at this dose, your symptoms over the last {count} nights "
                "averaged {now} of 10, against {baseline} before magnesium: {how}. A self-rated "
                "diary can suggest this, not prove that magnesium did it.",
                len(recent),
            ).format(
                nights=len(run),
                count=len(recent),
                now=number(now, 1),
                baseline=number(baseline, 1),
                how=how,
            )
            if change < REVIEW_MIN_IMPROVEMENT - _EPS:
                review = True
                text += " " + _("Talk to your clinician about whether to go on.")
            extra.append(text)
    return _stay(c, Action.MAINTAIN, lambda dose: [*reasons(dose), *extra], review=review)


RULES: tuple[Rule, ...] = (
    rule_1_warning_sign_lately,
    rule_2_warning_sign_held,
    rule_3_consult,
    rule_4_resume,
    rule_5_severe,
    rule_6_moderate,
    rule_7_too_high,
    rule_8_side_effects,
    rule_9_baseline,
    rule_10_start,
    rule_11_not_yet,
    rule_12_worse,
    rule_13_controlled,
    rule_14_no_step_up,
    rule_15_raise,
)


def first_rule_that_applies(context: Context) -> tuple[int, Answer]:
    for rule_number, rule in enumerate(RULES, start=1):
        answer = rule(context)
        if answer is not None:
            return rule_number, answer
    raise AssertionError(  # pragma: no cover, not user text: a programming error
        "rule 15 or an earlier one always answers"
    )


def usual_state_words(c: Context) -> list[str]:
    """Where a grade 1 in the last 3 nights did not hold the dose, say why."""
    usual = c.history.usual_effects()
    shown = [
        effect
        for effect in usual
        if any(n.grade(effect) == 1 for n in c.history.recent(HOLD_NIGHTS))
    ]
    return [
        ngettext(
            "{effect} showed on {shown} of your {count} night before magnesium: that is your "
            "usual state, so it does not hold the dose.",
            "{effect} showed on {shown} of your {count} nights before magnesium: that is your "
            "usual state, so it does not hold the dose.",
            usual[e][1],
        ).format(effect=_capitalised(effect_at_grade(e, 1)), shown=usual[e][0], count=usual[e][1])
        for e in shown
    ]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
