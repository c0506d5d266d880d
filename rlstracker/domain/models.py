"""The diary's records: a night, the plan, the safety screening, a ferritin result."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum

from rlstracker.domain.forms import FORM_IDS

MAX_DOSE_MG = 1000  # more than this, typed as elemental, is almost surely a compound weight
MAX_NOTES_CHARS = 20_000

SIDE_EFFECTS: tuple[str, ...] = ("diarrhoea", "nausea", "stomach_cramps", "drowsiness")
GI_EFFECTS: tuple[str, ...] = ("diarrhoea", "nausea", "stomach_cramps")

SIDE_EFFECT_NAMES: dict[str, str] = {
    "diarrhoea": "Diarrhoea",
    "nausea": "Nausea",
    "stomach_cramps": "Stomach cramps",
    "drowsiness": "Drowsiness",
}

GRADE_NAMES: tuple[str, ...] = ("none", "mild", "moderate", "severe")

# Grades after NCI CTCAE v5, put in plain words.
GRADE_DESCRIPTIONS: dict[str, tuple[str, str, str, str]] = {
    "diarrhoea": (
        "Stools as usual",
        "Up to 3 more stools a day than usual",
        "4 to 6 more stools a day than usual, or it gets in the way of ordinary things",
        "7 or more extra stools a day, accidents, or you can't look after yourself",
    ),
    "nausea": (
        "No nausea",
        "Less appetite, but eating as usual",
        "Eating less than usual",
        "Not eating or drinking enough",
    ),
    "stomach_cramps": (
        "No stomach pain",
        "Mild pain",
        "Moderate pain that gets in the way of ordinary things",
        "Severe pain; you can't look after yourself",
    ),
    "drowsiness": (
        "Not drowsy",
        "More drowsy than usual, but mild",
        "Drowsy enough to get in the way of ordinary things",
        "Hard to stay awake",
    ),
}


class RedFlag(str, Enum):
    """Warning signs of too much magnesium in the blood: stop and get medical help."""

    MUSCLE_WEAKNESS = "muscle_weakness"
    BREATHING_DIFFICULTY = "breathing_difficulty"
    IRREGULAR_HEARTBEAT = "irregular_heartbeat"
    FAINTING = "fainting"
    CONFUSION = "confusion"

    @property
    def label(self) -> str:
        return RED_FLAG_LABELS[self]


RED_FLAG_LABELS: dict[RedFlag, str] = {
    RedFlag.MUSCLE_WEAKNESS: "Muscle weakness",
    RedFlag.BREATHING_DIFFICULTY: "Difficulty breathing",
    RedFlag.IRREGULAR_HEARTBEAT: "Irregular heartbeat",
    RedFlag.FAINTING: "Fainting, or feeling faint",
    RedFlag.CONFUSION: "Confusion",
}
RED_FLAG_IDS: tuple[str, ...] = tuple(flag.value for flag in RedFlag)


class InvalidRecord(ValueError):
    """A record with values outside what the diary accepts; `problems` pairs field and reason."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{name}: {why}" for name, why in problems))


@dataclass(frozen=True)
class Night:
    """One diary entry, keyed by the evening on which the night begins.

    Every measured field may be None, which means "not recorded" and is never read as 0.
    `dose_mg` is elemental magnesium, all of that evening's intakes together; 0 means none taken.
    Side effects are graded 0 none, 1 mild, 2 moderate, 3 severe, over the following day.
    """

    date: date
    dose_mg: float | None = None
    form: str | None = None
    symptom_severity: int | None = None
    sleep_quality: int | None = None
    diarrhoea: int | None = None
    nausea: int | None = None
    stomach_cramps: int | None = None
    drowsiness: int | None = None
    red_flags: frozenset[RedFlag] = field(default_factory=frozenset)
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "red_flags", frozenset(RedFlag(f) for f in self.red_flags))
        problems = night_problems(self)
        if problems:
            raise InvalidRecord(problems)

    @classmethod
    def trusted(cls, **fields: object) -> Night:
        """A night from a source that has already checked every value (the diary file's
        constraints): built without checking again."""
        night = object.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(night, name, value)
        return night

    def grade(self, effect: str) -> int | None:
        return getattr(self, effect)

    @property
    def gi_grade(self) -> int | None:
        """The highest of diarrhoea, nausea and stomach cramps; None if none is recorded."""
        grades = [g for g in (self.diarrhoea, self.nausea, self.stomach_cramps) if g is not None]
        return max(grades) if grades else None

    @property
    def worst_grade(self) -> int | None:
        grades = [g for g in (self.grade(e) for e in SIDE_EFFECTS) if g is not None]
        return max(grades) if grades else None

    @property
    def side_effects_recorded(self) -> bool:
        return all(self.grade(e) is not None for e in SIDE_EFFECTS)

    @property
    def took_magnesium(self) -> bool:
        return self.dose_mg is not None and self.dose_mg > 0


# Every field of a night, in the order of the diary file's columns and the CSV's.
NIGHT_FIELDS: tuple[str, ...] = (
    "date",
    "dose_mg",
    "form",
    "symptom_severity",
    "sleep_quality",
    *SIDE_EFFECTS,
    "red_flags",
    "notes",
)


def night_problems(night: Night) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not isinstance(night.date, date):
        problems.append(("date", "must be a date"))
    dose = night.dose_mg
    if dose is not None:
        if isinstance(dose, bool) or not isinstance(dose, (int, float)) or not math.isfinite(dose):
            problems.append(("dose_mg", "must be a number of mg"))
        elif dose < 0:
            problems.append(("dose_mg", "can't be negative; 0 means none taken"))
        elif dose > MAX_DOSE_MG:
            problems.append(
                (
                    "dose_mg",
                    f"{dose:g} mg is more than {MAX_DOSE_MG} mg of elemental magnesium: "
                    "is that the compound's weight? Enter the magnesium (elemental) amount",
                )
            )
    if night.form is not None and night.form not in FORM_IDS:
        problems.append(("form", f"unknown form; use one of {' '.join(FORM_IDS)}"))
    for name, top in (("symptom_severity", 10), ("sleep_quality", 10)):
        problems += _whole_number_problems(name, getattr(night, name), top)
    for name in SIDE_EFFECTS:
        problems += _whole_number_problems(name, getattr(night, name), 3)
    if not isinstance(night.notes, str):
        problems.append(("notes", "must be text"))
    elif len(night.notes) > MAX_NOTES_CHARS:
        problems.append(("notes", f"longer than {MAX_NOTES_CHARS:,} characters"))
    elif "\x00" in night.notes:
        problems.append(("notes", "contains a NUL character"))
    elif any(0xD800 <= ord(c) <= 0xDFFF for c in night.notes):
        problems.append(("notes", "contains a broken character (a lone surrogate)"))
    return problems


def _whole_number_problems(name: str, value: object, top: int) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [(name, f"must be a whole number from 0 to {top}")]
    if not 0 <= value <= top:
        return [(name, f"{value} is outside 0 to {top}")]
    return []


class Region(str, Enum):
    """Whose upper limit for supplemental magnesium the plan keeps to."""

    US = "us"  # US Food and Nutrition Board (IOM 1997): 350 mg/day from supplements
    EU = "eu"  # EU Scientific Committee on Food / EFSA: 250 mg/day

    @property
    def limit_mg(self) -> int:
        return 350 if self is Region.US else 250

    @property
    def authority(self) -> str:
        return "the US upper limit" if self is Region.US else "the EU/UK upper limit"


# (low, high) bounds of each plan setting, from the titration rules.
PLAN_BOUNDS: dict[str, tuple[float, float]] = {
    "start_mg": (25, 350),
    "step_mg": (25, 100),
    "interval_nights": (3, 28),
    "ceiling_mg": (25, MAX_DOSE_MG),
    "baseline_nights": (0, 28),
    "target_severity": (0, 10),
    "review_nights": (14, 84),
}

PLAN_FIELD_LABELS: dict[str, str] = {
    "start_mg": "start dose (mg)",
    "step_mg": "step (mg)",
    "interval_nights": "nights between steps",
    "ceiling_mg": "ceiling (mg)",
    "baseline_nights": "baseline nights",
    "target_severity": "target severity",
    "review_nights": "review after (nights)",
}


@dataclass(frozen=True)
class Plan:
    """How the guide may move the dose. Doses are mg of elemental magnesium."""

    start_mg: float = 100
    step_mg: float = 50
    interval_nights: int = 7
    ceiling_mg: float = 350
    region: Region = Region.US
    clinician_approved: bool = False
    baseline_nights: int = 7
    target_severity: float = 2
    review_nights: int = 28
    # Side effects on nights before this date no longer set the intolerance cap.
    reset_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", Region(self.region))
        problems = plan_problems(self)
        if problems:
            raise InvalidRecord(problems)

    @classmethod
    def for_region(cls, region: Region | str) -> Plan:
        region = Region(region)
        return cls(region=region, ceiling_mg=region.limit_mg)


def plan_field_problems(fields: Mapping[str, object]) -> list[tuple[str, str]]:
    """What is wrong with these plan settings (field, reason); empty when they make a Plan."""
    try:
        Plan(**fields)  # type: ignore[arg-type]
    except InvalidRecord as error:
        return error.problems
    return []


def plan_problems(plan: Plan) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name, (low, high) in PLAN_BOUNDS.items():
        value = getattr(plan, name)
        whole = name.endswith("_nights")
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or (whole and value != int(value))
        ):
            kind = "a whole number" if whole else "a number"
            problems.append((name, f"the {PLAN_FIELD_LABELS[name]} must be {kind}"))
        elif not low <= value <= high:
            problems.append(
                (
                    name,
                    f"the {PLAN_FIELD_LABELS[name]} must be from {low:g} to {high:g}, "
                    f"not {value:g}",
                )
            )
    if any(name in ("start_mg", "ceiling_mg") for name, _ in problems):
        return problems
    limit = plan.region.limit_mg
    if plan.ceiling_mg > limit and not plan.clinician_approved:
        problems.append(
            (
                "ceiling_mg",
                f"a ceiling of {plan.ceiling_mg:g} mg is above {plan.region.authority} of "
                f"{limit} mg a day from supplements; it needs your clinician's approval",
            )
        )
    if plan.start_mg > plan.ceiling_mg:
        problems.append(
            (
                "start_mg",
                f"the start dose ({plan.start_mg:g} mg) is above the ceiling "
                f"({plan.ceiling_mg:g} mg)",
            )
        )
    return problems


class Medicine(str, Enum):
    """Medicines that magnesium affects, or that affect magnesium."""

    LEVOTHYROXINE = "levothyroxine"
    BISPHOSPHONATE = "bisphosphonate"
    TETRACYCLINE = "tetracycline"
    QUINOLONE = "quinolone"
    IRON = "iron"
    GABAPENTIN = "gabapentin"
    DIURETIC = "diuretic"
    PPI = "ppi"
    OTHER = "other"


MEDICINE_LABELS: dict[Medicine, str] = {
    Medicine.LEVOTHYROXINE: "Levothyroxine (thyroid hormone)",
    Medicine.BISPHOSPHONATE: "A bisphosphonate (alendronate, risedronate, ibandronate)",
    Medicine.TETRACYCLINE: "A tetracycline antibiotic (doxycycline, minocycline)",
    Medicine.QUINOLONE: "A quinolone antibiotic (ciprofloxacin, levofloxacin)",
    Medicine.IRON: "Iron tablets or liquid",
    Medicine.GABAPENTIN: "Gabapentin",
    Medicine.DIURETIC: "A water tablet (diuretic)",
    Medicine.PPI: "A stomach-acid medicine (omeprazole, lansoprazole and similar)",
    Medicine.OTHER: "Other medicines taken by mouth",
}


class AgeGroup(str, Enum):
    UNDER_18 = "under_18"
    ADULT = "18_64"
    OLDER = "65_plus"


@dataclass(frozen=True)
class Screening:
    """The first-run safety answers. True means "yes"; the guide reads them, never guesses."""

    severe_kidney_disease: bool = False  # eGFR below 30, dialysis, CKD stage 4-5
    other_kidney_disease: bool = False
    heart_block_or_slow_heart_rate: bool = False
    pregnant_or_breastfeeding: bool = False
    age_group: AgeGroup = AgeGroup.ADULT
    medicines: frozenset[Medicine] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "age_group", AgeGroup(self.age_group))
        object.__setattr__(self, "medicines", frozenset(Medicine(m) for m in self.medicines))


@dataclass(frozen=True)
class FerritinResult:
    """A blood ferritin result the person's clinician shared with them."""

    date: date
    ng_per_ml: float

    def __post_init__(self) -> None:
        value = self.ng_per_ml
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not (math.isfinite(value) and 0 < value <= 5000)
        ):
            raise InvalidRecord([("ng_per_ml", "ferritin must be more than 0 and at most 5000")])


@dataclass(frozen=True)
class Intake:
    """One dose taken at a time of the evening; a night's dose is the total of its intakes."""

    date: date
    taken_at: time
    dose_mg: float

    def __post_init__(self) -> None:
        dose = self.dose_mg
        if (
            isinstance(dose, bool)
            or not isinstance(dose, (int, float))
            or not (math.isfinite(dose) and 0 < dose <= MAX_DOSE_MG)
        ):
            raise InvalidRecord(
                [("dose_mg", f"an intake must be more than 0 and at most {MAX_DOSE_MG} mg")]
            )
