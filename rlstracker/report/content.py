"""What the report says, worked out from the diary: plain Python, no Qt, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rlstracker.domain import analysis
from rlstracker.domain.forms import FORMS, LabelBasis, Product
from rlstracker.domain.iron import IronAdvice, IronResult, iron_advice
from rlstracker.domain.models import (
    GRADE_NAMES,
    RED_FLAG_LABELS,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    Night,
    RedFlag,
)
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import (
    AGE_LABELS,
    CONCERN_TEXT,
    KIDNEY_LABELS,
    MEDICINE_LABELS,
    NO_ANSWERS,
    QUESTIONS,
    Clearance,
    SafetyAnswers,
    concerns,
    safety_status,
)
from rlstracker.domain.titration import ACTION_TITLES, suggest
from rlstracker.domain.titration import warnings as safety_warnings
from rlstracker.domain.trial import guide, trial_suggestion
from rlstracker.domain.trial.periods import TrialView, as_it_was
from rlstracker.domain.wording import full_day, joined, plural
from rlstracker.report.trial_section import TrialSection, trial_section

NOTES_SHOWN = 12
RECENT_NIGHTS = analysis.RECENT_NIGHTS
# A report shows at most two years: more is no longer a report a doctor reads, and the time and
# memory it takes stay bounded (README: Performance) however long the diary is.
REPORT_MAX_DAYS = 731


def day_text(day: date) -> str:
    return full_day(day)


@dataclass(frozen=True)
class StepRow:
    first: date
    last: date
    dose_mg: float | None
    nights: int
    adherence: float | None
    median_severity: float | None
    side_effects: dict[int, int]
    action_after: str
    in_trial: bool = False  # the step lies within a personal trial's nights


@dataclass(frozen=True)
class Event:
    date: date
    text: str


@dataclass(frozen=True)
class EffectRow:
    """One side effect over the report's nights: on how many it was recorded, and how many of
    those at each grade (none, mild, moderate, severe)."""

    name: str
    recorded: int
    by_grade: tuple[int, int, int, int]


@dataclass(frozen=True)
class SignRow:
    """One warning sign over the report's nights: the nights it was recorded on."""

    name: str
    dates: tuple[date, ...]


@dataclass(frozen=True)
class ReportContent:
    made_on: date
    first: date | None
    last: date | None
    name: str
    product_lines: list[str]
    plan_lines: list[str]
    summary_lines: list[str]
    warnings: list[str]
    steps: list[StepRow]
    effect_rows: list[EffectRow]
    sign_rows: list[SignRow]
    events: list[Event]
    iron: list[IronResult]
    iron_advice: IronAdvice | None
    notes: list[Event]
    safety_lines: list[str]
    nights: list[Night] = field(repr=False)
    baseline: list[Night] = field(default_factory=list, repr=False)
    limits: analysis.GuideLimits = field(default_factory=lambda: analysis.GuideLimits(None, None))
    long_note: str | None = None  # the dates asked for were longer than a report shows
    trial: TrialSection | None = None

    @property
    def is_empty(self) -> bool:
        return not self.nights


DISCLAIMER = (
    "Self-recorded by the patient with RLS Tracker. The dose suggestions come from simple, "
    "cautious rules (start low, go up slowly, step back at side effects, keep to the upper limit "
    "for supplements); they are not medical advice and not a prescription. Symptom and sleep "
    "scores are the app's own 0–10 items, not validated instruments; a self-rated, unblinded "
    "diary can suggest but not prove that magnesium helped."
)


def build_report(
    nights: Sequence[Night],
    plan: Plan,
    answers: SafetyAnswers | None,
    product: Product | None,
    iron: Sequence[IronResult],
    made_on: date,
    first: date | None = None,
    last: date | None = None,
    name: str = "",
    chosen_notes: list[date] | None = None,
    clearances: Sequence[Clearance] = (),
    trial: TrialView | None = None,
) -> ReportContent:
    """The report for the nights from `first` to `last` (both optional: all of the diary),
    and the section of a personal trial when there is one."""
    answers = answers or NO_ANSWERS
    everything = analysis.in_date_order(nights)
    shown = [
        n
        for n in everything
        if (first is None or n.date >= first) and (last is None or n.date <= last)
    ]
    first = first or (shown[0].date if shown else None)
    last = last or (shown[-1].date if shown else None)
    long_note = None
    if first is not None and last is not None and (last - first).days + 1 > REPORT_MAX_DAYS:
        cut = last - timedelta(days=REPORT_MAX_DAYS - 1)
        earlier = sum(1 for n in shown if n.date < cut)
        years = ((last - first).days + 1) / 365.25
        long_note = (
            f"The dates asked for span {years:.0f} years ({len(shown)} nights), too long for "
            f"one report: it shows the last two years, {day_text(cut)} to {day_text(last)}. "
            f"{earlier} earlier nights are left out; choose earlier dates for another report."
        )
        shown = [n for n in shown if n.date >= cut]
        first = cut
    limits = analysis.guide_limits(everything, plan, product)
    # The safety answers' warnings only: what the guide says about tonight's dose (such as a
    # dose already recorded tonight) is for the evening, not for the doctor.
    status = safety_status(answers, tuple(clearances), plan, made_on)
    summary = _summary_lines(everything, shown, limits)
    return ReportContent(
        made_on=made_on,
        first=first,
        last=last,
        name=name.strip(),
        product_lines=_product_lines(product),
        plan_lines=_plan_lines(plan),
        summary_lines=[long_note, *summary] if long_note else summary,
        warnings=safety_warnings(answers, status, made_on),
        steps=_step_rows(everything, shown, plan, answers, product, clearances, trial),
        effect_rows=_effect_rows(shown),
        sign_rows=_sign_rows(shown),
        events=_events(shown),
        iron=sorted(iron, key=lambda r: r.date),
        iron_advice=iron_advice(iron, made_on),
        notes=_notes(shown, chosen_notes),
        safety_lines=_safety_lines(answers, clearances),
        nights=shown,
        baseline=analysis.baseline_nights(everything)[-analysis.RECENT_NIGHTS :],
        limits=limits,
        long_note=long_note,
        trial=trial_section(trial, product),
    )


def _product_lines(product: Product | None) -> list[str]:
    if product is None:
        return ["No product recorded."]
    form = FORMS[product.form]
    if product.label_basis is LabelBasis.ELEMENTAL:
        basis = "the label gives the magnesium (elemental) amount"
    else:
        basis = (
            f"the label gives the compound's weight; {form.name.lower()} is taken as "
            f"{(form.elemental_fraction or 0):.1%} magnesium by formula"
        )
    lines = [
        f"{product.name}: {form.name}, {product.amount_per_unit_mg:g} mg per {product.unit} "
        f"({basis}).",
        f"= {product.elemental_mg_per_unit:g} mg of elemental magnesium per {product.unit}.",
    ]
    if product.varies:
        lines.append(
            f"Products of this form vary; one {product.unit} may hold up to "
            f"{product.upper_mg_per_unit:g} mg, and the guide checks the ceiling with that figure."
        )
    return lines


def _plan_lines(plan: Plan) -> list[str]:
    approved = ""
    if plan.ceiling_approved_on:
        approved = (
            " Ceiling approved by the patient's clinician (recorded "
            f"{full_day(plan.ceiling_approved_on)})."
        )
    return [
        f"Start {plan.start_mg:g} mg; steps of {plan.step_mg:g} mg after {plan.interval_nights} "
        f"nights; ceiling {plan.ceiling_mg:g} mg ({plan.region.authority}: "
        f"{plan.region.limit_mg} mg a day from supplements).{approved}",
        f"Baseline of {plan.baseline_nights} nights without magnesium; symptoms counted as "
        f"controlled at a 7-night mean of {plan.target_severity:g}/10 or less; review after "
        f"{plan.review_nights} nights at a steady dose.",
    ]


def _summary_lines(
    everything: list[Night], shown: list[Night], limits: analysis.GuideLimits
) -> list[str]:
    if not shown:
        return ["No nights were recorded in these dates."]
    lines = [
        f"{len(shown)} nights recorded from {day_text(shown[0].date)} to "
        f"{day_text(shown[-1].date)} "
        f"({(shown[-1].date - shown[0].date).days + 1} calendar nights)."
    ]
    recent = [n for n in shown if n.took_magnesium and n.symptom_severity is not None]
    recent = recent[-RECENT_NIGHTS:]
    comparison = analysis.compare_with_baseline(everything, recent=recent)
    if comparison.baseline_mean is None:
        lines.append("No baseline (nights without magnesium before the first dose) to compare.")
    elif comparison.recent_mean is None:
        lines.append(
            f"Baseline: mean symptoms {comparison.baseline_mean:.1f}/10 over "
            f"{comparison.baseline_count} nights; no nights on magnesium to compare yet."
        )
    else:
        change = comparison.improvement or 0.0
        direction = "lower" if change > 0 else "higher"
        amount = f"{abs(change):.1f} points {direction}" if abs(change) >= 0.05 else "no different"
        lines.append(
            f"Mean symptoms {comparison.recent_mean:.1f}/10 over the last "
            f"{comparison.recent_count} nights on magnesium, against "
            f"{comparison.baseline_mean:.1f}/10 over {comparison.baseline_count} baseline "
            f"nights: {amount}. Self-rated and unblinded."
        )
    if limits.highest_tolerated is not None:
        lines.append(f"Highest tolerated dose: {limits.highest_tolerated:g} mg.")
    if limits.cap is not None:
        lines.append(
            f"Not tolerated: {limits.cap.dose_mg:g} mg ({limits.cap.what} on "
            f"{day_text(limits.cap.date)})."
        )
    return lines


def _step_rows(
    everything: list[Night],
    shown: list[Night],
    plan: Plan,
    answers: SafetyAnswers,
    product: Product | None,
    clearances: Sequence[Clearance],
    trial: TrialView | None = None,
) -> list[StepRow]:
    if not shown:
        return []
    rows = []
    for step in analysis.dose_steps(shown):
        day = step.last_date + timedelta(days=1)
        after = suggest(plan, answers, everything, day, product, clearances)
        if trial is not None and trial.trial.first_night <= day:  # what the trial said then
            then = as_it_was(trial.trial, day)
            people = guide(plan, answers, everything, product, clearances)
            after = trial_suggestion(then, people, day)
        dose = f" {after.dose_mg:g} mg" if after.dose_mg else ""
        rows.append(
            StepRow(
                step.first_date,
                step.last_date,
                step.dose_mg,
                step.night_count,
                step.adherence,
                step.median_severity,
                step.side_effect_nights,
                f"{ACTION_TITLES[after.action]}{dose}",
                in_trial=trial is not None
                and trial.trial.first_night <= step.first_date <= trial.last_night,
            )
        )
    return rows


def _effect_rows(shown: list[Night]) -> list[EffectRow]:
    rows = []
    for effect in SIDE_EFFECTS:
        grades = [n.grade(effect) for n in shown if n.grade(effect) is not None]
        counts = tuple(sum(1 for g in grades if g == level) for level in range(4))
        rows.append(EffectRow(SIDE_EFFECT_NAMES[effect], len(grades), counts))  # type: ignore[arg-type]
    return rows


def _sign_rows(shown: list[Night]) -> list[SignRow]:
    return [
        SignRow(RED_FLAG_LABELS[flag], tuple(n.date for n in shown if flag in n.red_flags))
        for flag in RedFlag
    ]


def effect_cells(row: EffectRow) -> list[str]:
    return [row.name, str(row.recorded), *(str(count) for count in row.by_grade)]


def sign_text(row: SignRow, nights: int) -> str:
    if not row.dates:
        return f"none in {plural(nights, 'night')}"
    shown = ", ".join(day_text(d) for d in row.dates[:10])
    more = f" and {len(row.dates) - 10} more" if len(row.dates) > 10 else ""
    return f"{plural(len(row.dates), 'night')}: {shown}{more}"


def _events(shown: list[Night]) -> list[Event]:
    events = []
    for night in shown:
        effects = [
            f"{GRADE_NAMES[night.grade(e) or 0]} {SIDE_EFFECT_NAMES[e].lower()}"
            for e in SIDE_EFFECTS
            if (night.grade(e) or 0) >= 2
        ]
        dose = f" at {night.dose_mg:g} mg" if night.dose_mg else ""
        if effects:
            events.append(Event(night.date, f"{', '.join(effects).capitalize()}{dose}."))
        if night.red_flags:
            signs = ", ".join(RED_FLAG_LABELS[f].lower() for f in sorted(night.red_flags))
            events.append(Event(night.date, f"Warning signs recorded: {signs}{dose}."))
    return events


def _notes(shown: list[Night], chosen: list[date] | None) -> list[Event]:
    with_notes = [n for n in shown if n.notes.strip()]
    if chosen is not None:
        picked = [n for n in with_notes if n.date in set(chosen)]
    else:
        picked = with_notes[-NOTES_SHOWN:]
    return [Event(n.date, _shortened(n.notes.strip())) for n in picked]


def _shortened(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _safety_lines(answers: SafetyAnswers, clearances: Sequence[Clearance]) -> list[str]:
    if not answers.any_answered:
        return ["The safety questions were not answered."]
    lines = []
    said = []
    if answers.kidney is not None:
        said.append(KIDNEY_LABELS[answers.kidney])
    if answers.heart_block is not None:
        said.append("heart block or a slow heart rate" if answers.heart_block else "no heart block")
    if answers.pregnant is not None:
        said.append(
            "pregnant or breastfeeding" if answers.pregnant else "not pregnant or breastfeeding"
        )
    if answers.age_group is not None:
        said.append(f"age {AGE_LABELS[answers.age_group]}")
    lines.append("Answers: " + joined(said) + "." if said else "No condition answered.")
    if answers.medicines is not None:
        if answers.medicines:
            names = [MEDICINE_LABELS[m] for m in sorted(answers.medicines, key=lambda m: m.value)]
            lines.append("Medicines: " + "; ".join(names) + ".")
        else:
            lines.append("No interacting medicines reported.")
    if answers.unanswered:
        lines.append("Not answered: " + joined([QUESTIONS[q] for q in answers.unanswered]) + ".")
    dates = []
    if answers.answered_on:
        dates.append(f"given or last changed on {day_text(answers.answered_on)}")
    dates.append(
        f"last confirmed on {day_text(answers.confirmed_on)}"
        if answers.confirmed_on
        else "not yet confirmed since an update of the app"
    )
    lines.append("Answers " + joined(dates) + ".")
    for concern in concerns(answers):
        lines.append(f"Needs a clinician's word first: {CONCERN_TEXT[concern]}")
    for clearance in clearances:
        note = f" Note: {_shortened(clearance.note, 300)}" if clearance.note else ""
        lines.append(
            f'Clinician\'s clearance ("a clinician said I may take magnesium"), dated '
            f"{day_text(clearance.date)}, recorded {day_text(clearance.recorded_on)}.{note}"
        )
    return lines
