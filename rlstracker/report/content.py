"""What the report says, worked out from the diary: plain Python, no Qt, no clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from rlstracker.domain import analysis
from rlstracker.domain.forms import FORMS, Product
from rlstracker.domain.models import (
    GRADE_NAMES,
    MEDICINE_LABELS,
    RED_FLAG_LABELS,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    AgeGroup,
    FerritinResult,
    Night,
    Plan,
    Screening,
)
from rlstracker.domain.safety import consult_reasons
from rlstracker.domain.titration import ACTION_TITLES, suggest

NOTES_SHOWN = 12


def day_text(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


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


@dataclass(frozen=True)
class Event:
    date: date
    text: str


@dataclass(frozen=True)
class ReportContent:
    made_on: date
    first: date | None
    last: date | None
    name: str
    product_lines: list[str]
    plan_lines: list[str]
    summary_lines: list[str]
    steps: list[StepRow]
    events: list[Event]
    ferritin: list[FerritinResult]
    notes: list[Event]
    screening_lines: list[str]
    nights: list[Night] = field(repr=False)
    cap_since: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.nights


DISCLAIMER = (
    "Self-recorded by the patient with RLS Tracker. The dose suggestions come from simple, "
    "cautious rules (start low, go up slowly, step back at side effects, keep to the upper limit "
    "for supplements); they are not medical advice and not a prescription. Symptom and sleep "
    "scores are the app's own 0–10 items, not validated instruments."
)


def build_report(
    nights: list[Night],
    plan: Plan,
    screening: Screening | None,
    product: Product | None,
    ferritin: list[FerritinResult],
    made_on: date,
    first: date | None = None,
    last: date | None = None,
    name: str = "",
    chosen_notes: list[date] | None = None,
) -> ReportContent:
    """The report for the nights from `first` to `last` (both optional: all of the diary)."""
    everything = analysis.in_date_order(nights)
    shown = [
        n
        for n in everything
        if (first is None or n.date >= first) and (last is None or n.date <= last)
    ]
    first = first or (shown[0].date if shown else None)
    last = last or (shown[-1].date if shown else None)
    return ReportContent(
        made_on=made_on,
        first=first,
        last=last,
        name=name.strip(),
        product_lines=_product_lines(product),
        plan_lines=_plan_lines(plan),
        summary_lines=_summary_lines(everything, shown),
        steps=_step_rows(everything, shown, plan, screening),
        events=_events(shown, everything, plan, screening),
        ferritin=list(ferritin),
        notes=_notes(shown, chosen_notes),
        screening_lines=_screening_lines(screening, plan),
        nights=shown,
        cap_since=plan.reset_on,
    )


def _product_lines(product: Product | None) -> list[str]:
    if product is None:
        return ["No product recorded."]
    form = FORMS[product.form]
    basis = (
        "the label gives the magnesium (elemental) amount"
        if product.label_basis.value == "elemental"
        else f"the label gives the compound's weight; {form.name.lower()} is taken as "
        f"{(form.elemental_fraction or 0):.1%} magnesium"
    )
    return [
        f"{product.name}: {form.name}, {product.amount_per_unit_mg:g} mg per {product.unit} "
        f"({basis}).",
        f"= {product.elemental_mg_per_unit:.0f} mg of elemental magnesium per {product.unit}.",
    ]


def _plan_lines(plan: Plan) -> list[str]:
    approved = " Approved by the patient's clinician." if plan.clinician_approved else ""
    return [
        f"Start {plan.start_mg:g} mg; steps of {plan.step_mg:g} mg after {plan.interval_nights} "
        f"nights; ceiling {plan.ceiling_mg:g} mg ({plan.region.authority}: "
        f"{plan.region.limit_mg} mg a day from supplements).{approved}",
        f"Baseline of {plan.baseline_nights} nights without magnesium; symptoms counted as "
        f"controlled at a 7-night mean of {plan.target_severity:g}/10 or less; review after "
        f"{plan.review_nights} nights at a steady dose.",
    ]


def _summary_lines(everything: list[Night], shown: list[Night]) -> list[str]:
    if not shown:
        return ["No nights were recorded in these dates."]
    lines = [
        f"{len(shown)} nights recorded from {day_text(shown[0].date)} to "
        f"{day_text(shown[-1].date)} "
        f"({(shown[-1].date - shown[0].date).days + 1} calendar nights)."
    ]
    recent = [n for n in shown if n.took_magnesium and n.symptom_severity is not None][-14:]
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
        direction = "lower" if change > 0 else "higher" if change < 0 else "no different"
        amount = f"{abs(change):.1f} points {direction}" if change else "no different"
        lines.append(
            f"Mean symptoms {comparison.recent_mean:.1f}/10 over the last "
            f"{comparison.recent_count} nights on magnesium, against "
            f"{comparison.baseline_mean:.1f}/10 over {comparison.baseline_count} baseline "
            f"nights: {amount}. Self-rated and unblinded."
        )
    best = analysis.highest_tolerated_dose(everything)
    if best is not None:
        lines.append(f"Highest tolerated dose: {best:g} mg.")
    trouble = analysis.intolerance(everything)
    if trouble is not None:
        lines.append(
            f"Not tolerated: {trouble.dose_mg:g} mg ({trouble.what} on {day_text(trouble.date)})."
        )
    return lines


def _step_rows(
    everything: list[Night], shown: list[Night], plan: Plan, screening: Screening | None
) -> list[StepRow]:
    if not shown:
        return []
    rows = []
    for step in analysis.dose_steps(shown):
        after = suggest(plan, screening, everything, step.last_date + timedelta(days=1))
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
            )
        )
    return rows


def _events(
    shown: list[Night], everything: list[Night], plan: Plan, screening: Screening | None
) -> list[Event]:
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
            events.append(Event(night.date, f"Warning signs recorded: {signs}."))
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


def _screening_lines(screening: Screening | None, plan: Plan) -> list[str]:
    if screening is None:
        return ["The safety questions were not answered."]
    lines = []
    conditions = [
        (screening.severe_kidney_disease, "severe kidney disease or dialysis"),
        (screening.other_kidney_disease, "other kidney disease"),
        (screening.heart_block_or_slow_heart_rate, "heart block or a slow heart rate"),
        (screening.pregnant_or_breastfeeding, "pregnant or breastfeeding"),
    ]
    said = [text for flag, text in conditions if flag]
    lines.append(
        "Reported: " + ", ".join(said) + "."
        if said
        else "No kidney disease, heart conduction problem, pregnancy or breastfeeding reported."
    )
    ages = {AgeGroup.UNDER_18: "under 18", AgeGroup.ADULT: "18 to 64", AgeGroup.OLDER: "65 or over"}
    lines.append(f"Age: {ages[screening.age_group]}.")
    if screening.medicines:
        names = [MEDICINE_LABELS[m] for m in sorted(screening.medicines, key=lambda m: m.value)]
        lines.append("Medicines: " + "; ".join(names) + ".")
    else:
        lines.append("No interacting medicines reported.")
    if consult_reasons(screening):
        lines.append(
            "These answers call for a clinician's approval before self-titration; "
            + (
                "the plan is recorded as clinician-approved."
                if plan.clinician_approved
                else "no approved plan is recorded, so the app suggested no dose."
            )
        )
    return lines
