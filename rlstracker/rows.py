"""Domain objects to the diary's table rows and back: the one place that knows how a night, a
plan, a product, the safety answers, a clearance or a trial is written in SQLite's columns.
No SQL runs here; storage.py holds the statements and the transactions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.models import NIGHT_FIELDS, RED_FLAG_IDS, SIDE_EFFECTS, Night, RedFlag
from rlstracker.domain.plan import Plan, Region
from rlstracker.domain.safety import (
    NO_ANSWERS,
    AgeGroup,
    Clearance,
    Kidney,
    Medicine,
    SafetyAnswers,
)
from rlstracker.domain.trial.design import Trial, TrialDesign

Row = Sequence[Any]


def iso_or_none(day: date | None) -> str | None:
    return day.isoformat() if day else None


def date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# Nights

NIGHT_COLUMNS = ", ".join(NIGHT_FIELDS)


def night_row(night: Night) -> tuple[Any, ...]:
    """The night in NIGHT_COLUMNS' order."""
    return (
        night.date.isoformat(),
        night.dose_mg,
        night.form,
        night.symptom_severity,
        night.sleep_quality,
        *(night.grade(effect) for effect in SIDE_EFFECTS),
        ";".join(flag for flag in RED_FLAG_IDS if flag in {f.value for f in night.red_flags}),
        night.notes,
    )


def night_from_row(row: Row) -> Night:
    values = dict(zip(NIGHT_FIELDS, row, strict=True))
    values["date"] = date.fromisoformat(values["date"])
    values["red_flags"] = frozenset(RedFlag(f) for f in values["red_flags"].split(";") if f)
    # The table's CHECK constraints already hold every value in range: skip re-checking each
    # row (ten years of nights load three times faster).
    return Night.trusted(**values)


# The plan

PLAN_COLUMNS = (
    "start_mg, step_mg, interval_nights, ceiling_mg, region, ceiling_approved_on, "
    "ceiling_approved_mg, baseline_nights, target_severity, review_nights, reset_on"
)


def plan_row(plan: Plan) -> tuple[Any, ...]:
    """The plan in PLAN_COLUMNS' order."""
    return (
        plan.start_mg,
        plan.step_mg,
        plan.interval_nights,
        plan.ceiling_mg,
        plan.region.value,
        iso_or_none(plan.ceiling_approved_on),
        plan.ceiling_approved_mg,
        plan.baseline_nights,
        plan.target_severity,
        plan.review_nights,
        iso_or_none(plan.reset_on),
    )


def plan_from_row(row: Row) -> Plan:
    return Plan(
        start_mg=row[0],
        step_mg=row[1],
        interval_nights=row[2],
        ceiling_mg=row[3],
        region=Region(row[4]),
        ceiling_approved_on=date_or_none(row[5]),
        ceiling_approved_mg=row[6],
        baseline_nights=row[7],
        target_severity=row[8],
        review_nights=row[9],
        reset_on=date_or_none(row[10]),
    )


# Products

PRODUCT_COLUMNS = "name, form, amount_per_unit_mg, label_basis, unit"


def product_row(product: Product) -> tuple[Any, ...]:
    """The product in PRODUCT_COLUMNS' order: also the key that finds it again."""
    return (
        product.name,
        product.form,
        product.amount_per_unit_mg,
        product.label_basis.value,
        product.unit,
    )


def product_from_row(row: Row) -> Product:
    return Product(row[0], row[1], row[2], LabelBasis(row[3]), row[4])


# The safety answers

SAFETY_COLUMNS = "kidney, heart_block, pregnant, age_group, medicines, answered_on, confirmed_on"


def safety_row(answers: SafetyAnswers) -> tuple[Any, ...]:
    """The answers in SAFETY_COLUMNS' order; an unanswered question is NULL."""
    medicines = answers.medicines
    return (
        answers.kidney.value if answers.kidney else None,
        None if answers.heart_block is None else int(answers.heart_block),
        None if answers.pregnant is None else int(answers.pregnant),
        answers.age_group.value if answers.age_group else None,
        None if medicines is None else ";".join(sorted(m.value for m in medicines)),
        iso_or_none(answers.answered_on),
        iso_or_none(answers.confirmed_on),
    )


def safety_from_row(row: Row | None) -> SafetyAnswers:
    """The answers; NO_ANSWERS when none was ever given (no row)."""
    if row is None:
        return NO_ANSWERS
    kidney, heart, pregnant, age, medicines, answered_on, confirmed_on = row
    return SafetyAnswers(
        kidney=Kidney(kidney) if kidney is not None else None,
        heart_block=None if heart is None else bool(heart),
        pregnant=None if pregnant is None else bool(pregnant),
        age_group=AgeGroup(age) if age is not None else None,
        medicines=(
            None if medicines is None else frozenset(Medicine(m) for m in medicines.split(";") if m)
        ),
        answered_on=date_or_none(answered_on),
        confirmed_on=date_or_none(confirmed_on),
    )


# Clearances

CLEARANCE_COLUMNS = "date, recorded_on, note, covers"


def clearance_row(clearance: Clearance) -> tuple[Any, ...]:
    """The clearance in CLEARANCE_COLUMNS' order; the signs it covers as date:sign;…"""
    covers = sorted(f"{night.isoformat()}:{flag.value}" for night, flag in clearance.covers)
    return (
        clearance.date.isoformat(),
        clearance.recorded_on.isoformat(),
        clearance.note,
        ";".join(covers),
    )


def clearance_from_row(row: Row) -> Clearance:
    day, recorded_on, note, covers = row
    return Clearance(
        date.fromisoformat(day),
        date.fromisoformat(recorded_on),
        note,
        frozenset(_sign_from_text(item) for item in covers.split(";") if item),
    )


def _sign_from_text(text: str) -> tuple[date, RedFlag]:
    day, flag = text.split(":")
    return date.fromisoformat(day), RedFlag(flag)


# Trials

TRIAL_COLUMNS = (
    "id, set_up_on, first_night, pairs, period_nights, min_difference, blind, seed, dose_mg, "
    "stopped_on, stop_reason, revealed_on"
)


def new_trial_row(trial: Trial) -> tuple[Any, ...]:
    """A new trial's values for TRIAL_COLUMNS after id, up to stopped_on (not yet stopped,
    not yet revealed)."""
    design = trial.design
    return (
        trial.set_up_on.isoformat(),
        trial.first_night.isoformat(),
        design.pairs,
        design.period_nights,
        design.min_difference,
        int(design.blind),
        trial.seed,
        trial.dose_mg,
    )


def trial_from_row(row: Row, ends: list[date]) -> Trial:
    (trial_id, set_up_on, first, pairs, nights, difference, blind, seed, dose) = row[:9]
    stopped_on, stop_reason, revealed_on = row[9:]
    return Trial(
        design=TrialDesign(pairs, nights, difference, bool(blind)),
        seed=seed,
        first_night=date.fromisoformat(first),
        dose_mg=dose,
        set_up_on=date.fromisoformat(set_up_on),
        period_ends=tuple(ends),
        stopped_on=date_or_none(stopped_on),
        stop_reason=stop_reason,
        revealed_on=date_or_none(revealed_on),
        id=trial_id,
    )
