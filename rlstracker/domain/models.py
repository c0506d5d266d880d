"""The diary's records: a night and an intake, with the side effects and warning signs."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum

from rlstracker.domain.forms import FORM_IDS
from rlstracker.domain.language import N_, Translated, TranslatedTuple, _, number

# The diary's day turns at 4 in the morning, not at midnight: someone up at 1 a.m., or
# recording in the morning, is still on the evening before.
DAY_TURNS_AT = time(4, 0)


def evening_of(moment: datetime) -> date:
    """The evening a moment belongs to: before 04:00 it is still the evening before."""
    day = moment.date()
    return day - timedelta(days=1) if moment.time() < DAY_TURNS_AT else day


MAX_DOSE_MG = 1000  # more than this, typed as elemental, is almost surely a compound weight
MAX_NOTES_CHARS = 20_000

SIDE_EFFECTS: tuple[str, ...] = ("diarrhoea", "nausea", "stomach_cramps", "drowsiness")

SIDE_EFFECT_NAMES: Translated[str] = Translated(
    {
        "diarrhoea": N_("Diarrhoea"),
        "nausea": N_("Nausea"),
        "stomach_cramps": N_("Stomach cramps"),
        "drowsiness": N_("Drowsiness"),
    }
)

# Translators: the grades of a side effect (CTCAE grades 0-3), as a clinician names them.
GRADE_NAMES = TranslatedTuple((N_("none"), N_("mild"), N_("moderate"), N_("severe")))

# A side effect at a grade, as one phrase each (an adjective agrees with its noun in many
# languages, so the grade and the name are never glued).
_EFFECT_AT_GRADE: dict[tuple[str, int], str] = {
    ("diarrhoea", 1): N_("mild diarrhoea"),
    ("diarrhoea", 2): N_("moderate diarrhoea"),
    ("diarrhoea", 3): N_("severe diarrhoea"),
    ("nausea", 1): N_("mild nausea"),
    ("nausea", 2): N_("moderate nausea"),
    ("nausea", 3): N_("severe nausea"),
    ("stomach_cramps", 1): N_("mild stomach cramps"),
    ("stomach_cramps", 2): N_("moderate stomach cramps"),
    ("stomach_cramps", 3): N_("severe stomach cramps"),
    ("drowsiness", 1): N_("mild drowsiness"),
    ("drowsiness", 2): N_("moderate drowsiness"),
    ("drowsiness", 3): N_("severe drowsiness"),
}
_EFFECT_NONE: dict[str, str] = {
    "diarrhoea": N_("no diarrhoea"),
    "nausea": N_("no nausea"),
    "stomach_cramps": N_("no stomach cramps"),
    "drowsiness": N_("no drowsiness"),
}


def effect_at_grade(effect: str, grade: int) -> str:
    """'moderate diarrhoea', 'no nausea': a side effect at a grade, in the language in use."""
    if grade <= 0:
        return _(_EFFECT_NONE[effect])
    return _(_EFFECT_AT_GRADE[(effect, min(grade, 3))])


# Grades after NCI CTCAE v5, put in plain words.
GRADE_DESCRIPTIONS: dict[str, TranslatedTuple] = {
    "diarrhoea": TranslatedTuple(
        (
            N_("Stools as usual"),
            N_("Up to 3 more stools a day than usual"),
            N_("4 to 6 more stools a day than usual, or it gets in the way of ordinary things"),
            N_("7 or more extra stools a day, accidents, or you can't look after yourself"),
        )
    ),
    "nausea": TranslatedTuple(
        (
            N_("No nausea"),
            N_("Less appetite, but eating as usual"),
            N_("Eating less than usual"),
            N_("Not eating or drinking enough"),
        )
    ),
    "stomach_cramps": TranslatedTuple(
        (
            N_("No stomach pain"),
            N_("Mild pain"),
            N_("Moderate pain that gets in the way of ordinary things"),
            N_("Severe pain; you can't look after yourself"),
        )
    ),
    "drowsiness": TranslatedTuple(
        (
            N_("Not drowsy"),
            N_("More drowsy than usual, but mild"),
            N_("Drowsy enough to get in the way of ordinary things"),
            N_("Hard to stay awake"),
        )
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


RED_FLAG_LABELS: Translated[RedFlag] = Translated(
    {
        RedFlag.MUSCLE_WEAKNESS: N_("Muscle weakness"),
        RedFlag.BREATHING_DIFFICULTY: N_("Difficulty breathing"),
        RedFlag.IRREGULAR_HEARTBEAT: N_("Irregular heartbeat"),
        RedFlag.FAINTING: N_("Fainting, or feeling faint"),
        RedFlag.CONFUSION: N_("Confusion"),
    }
)
# The same signs inside a sentence ('You recorded muscle weakness and confusion on 3 Nov.').
RED_FLAG_WORDS: Translated[RedFlag] = Translated(
    {
        RedFlag.MUSCLE_WEAKNESS: N_("muscle weakness"),
        RedFlag.BREATHING_DIFFICULTY: N_("difficulty breathing"),
        RedFlag.IRREGULAR_HEARTBEAT: N_("irregular heartbeat"),
        RedFlag.FAINTING: N_("fainting or feeling faint"),
        RedFlag.CONFUSION: N_("confusion"),
    }
)
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
        # One update of its fields, not one frozen-dataclass set per field: ten years of nights
        # are read in two thirds of the time.
        night.__dict__.update(fields)
        return night

    def grade(self, effect: str) -> int | None:
        value: int | None = getattr(self, effect)
        return value

    def with_intake(self, dose_mg: float, form: str | None) -> Night:
        """This night with one more intake: the evening's dose is the sum of its intakes; the
        form recorded first stays. Raises InvalidRecord past the most a night can hold."""
        return dataclasses.replace(
            self, dose_mg=(self.dose_mg or 0) + dose_mg, form=self.form or form
        )

    def grades(self) -> tuple[int | None, ...]:
        """The four side effects' grades, in the order of SIDE_EFFECTS. Read field by field:
        the guide asks for them some 80,000 times over a 10-year diary at every refresh."""
        return (self.diarrhoea, self.nausea, self.stomach_cramps, self.drowsiness)

    @property
    def worst_grade(self) -> int | None:
        """The night's grade: the highest of its four side effects (drowsiness counts like the
        others); None if none is recorded."""
        grades = [g for g in self.grades() if g is not None]
        return max(grades) if grades else None

    @property
    def counts_for_the_guide(self) -> bool:
        """A dose, a symptom severity, a side effect or a warning sign recorded. An entry with
        none of these (a note, a sleep score) stays in the diary but is no night for the
        guide's rules: it neither counts, nor ends a run, nor hides anything."""
        return (
            self.dose_mg is not None
            or self.symptom_severity is not None
            or any(g is not None for g in self.grades())
            or bool(self.red_flags)
        )

    @property
    def is_complete(self) -> bool:
        """Symptoms and all four side effects recorded: the night needs nothing more."""
        return self.symptom_severity is not None and self.side_effects_recorded

    @property
    def is_empty(self) -> bool:
        """Nothing recorded at all: not worth a diary entry."""
        return (
            not self.counts_for_the_guide
            and self.sleep_quality is None
            and self.form is None
            and not self.notes.strip()
        )

    @property
    def side_effects_recorded(self) -> bool:
        return None not in self.grades()

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


def dose_problems(dose: object) -> list[str]:
    """What is wrong with an evening's dose, in words that say how to put it right: the one
    check that the form, the diary file and the CSV reader all go through."""
    if isinstance(dose, bool) or not isinstance(dose, (int, float)) or not math.isfinite(dose):
        return [_("must be a number of mg")]
    if dose < 0:
        return [_("can't be negative; 0 means none taken")]
    if dose > MAX_DOSE_MG:
        return [
            _(
                "{dose} mg is more than {most} mg of elemental magnesium: is that the weight of "
                "the whole compound? Enter the magnesium (elemental) amount"
            ).format(dose=number(dose), most=MAX_DOSE_MG)
        ]
    return []


def night_problems(night: Night) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not isinstance(night.date, date):
        problems.append(("date", _("must be a date")))
    if night.dose_mg is not None:
        problems += [("dose_mg", why) for why in dose_problems(night.dose_mg)]
    if night.form is not None and night.form not in FORM_IDS:
        problems.append(
            ("form", _("unknown form; use one of {forms}").format(forms=" ".join(FORM_IDS)))
        )
    for name, top in (("symptom_severity", 10), ("sleep_quality", 10)):
        problems += _whole_number_problems(name, getattr(night, name), top)
    for name in SIDE_EFFECTS:
        problems += _whole_number_problems(name, getattr(night, name), 3, grades=True)
    if not isinstance(night.notes, str):
        problems.append(("notes", _("must be text")))
    elif len(night.notes) > MAX_NOTES_CHARS:
        problems.append(
            (
                "notes",
                _("longer than {most} characters").format(
                    most=number(MAX_NOTES_CHARS, grouped=True)
                ),
            )
        )
    elif "\x00" in night.notes:
        problems.append(("notes", _("contains a NUL character")))
    elif any(0xD800 <= ord(c) <= 0xDFFF for c in night.notes):
        problems.append(("notes", _("contains a broken character (a lone surrogate)")))
    return problems


def not_whole_number(top: int, grades: bool = False) -> str:
    """Why a value that is not a whole number is refused (`grades`: a side effect's grade)."""
    if grades:
        return _(
            "must be a whole number from 0 to {top} (0 none, 1 mild, 2 moderate, 3 severe)"
        ).format(top=top)
    return _("must be a whole number from 0 to {top}").format(top=top)


def _whole_number_problems(
    name: str, value: object, top: int, grades: bool = False
) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [(name, not_whole_number(top, grades))]
    if not 0 <= value <= top:
        if grades:
            return [
                (
                    name,
                    _(
                        "{value} is outside 0 to {top} (0 none, 1 mild, 2 moderate, 3 severe)"
                    ).format(value=value, top=top),
                )
            ]
        return [(name, _("{value} is outside 0 to {top}").format(value=value, top=top))]
    return []


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
                [
                    (
                        "dose_mg",
                        _("an intake must be more than 0 and at most {most} mg").format(
                            most=MAX_DOSE_MG
                        ),
                    )
                ]
            )
