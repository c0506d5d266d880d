"""The safety answers, clinicians' clearances, and what they mean for the guide."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from rlstracker.domain.language import N_, Translated, _, listed_date, number
from rlstracker.domain.models import InvalidRecord, Night, RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.wording import day_words, joined

# Marked here, translated where said: _(DISCLAIMER), _(SEEK_HELP).
DISCLAIMER = N_(
    "RLS Tracker keeps a diary and follows simple, cautious rules to suggest a dose. It is not "
    "medical advice and does not prescribe: you decide, ideally with your clinician. Magnesium "
    "may help some people with restless legs, but the evidence is mixed, and it may not help you."
)

SEEK_HELP = N_(
    "Stop taking magnesium and seek medical help now (call your doctor, or emergency services "
    "if it is severe)."
)

CONFIRM_AFTER_DAYS = 365  # answers last confirmed longer ago than this are asked again
MAX_CLEARANCE_NOTE_CHARS = 2_000


class Kidney(str, Enum):
    NONE = "none"
    SOME = "some"  # any kidney disease short of the severe kind
    SEVERE = "severe"  # eGFR below 30 ml/min, CKD stage 4-5, or dialysis


class AgeGroup(str, Enum):
    UNDER_18 = "under_18"
    ADULT = "18_64"
    OLDER = "65_plus"


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


MEDICINE_LABELS: Translated[Medicine] = Translated(
    {
        Medicine.LEVOTHYROXINE: N_("Levothyroxine (thyroid hormone)"),
        Medicine.BISPHOSPHONATE: N_("A bisphosphonate (alendronate, risedronate, ibandronate)"),
        Medicine.TETRACYCLINE: N_("A tetracycline antibiotic (doxycycline, minocycline)"),
        Medicine.QUINOLONE: N_("A quinolone antibiotic (ciprofloxacin, levofloxacin)"),
        Medicine.IRON: N_("Iron tablets or liquid"),
        Medicine.GABAPENTIN: N_("Gabapentin"),
        Medicine.DIURETIC: N_("A water tablet (diuretic)"),
        Medicine.PPI: N_("A stomach-acid medicine taken long-term (omeprazole, lansoprazole, …)"),
        Medicine.OTHER: N_("Other medicines taken by mouth"),
    }
)

AGE_LABELS: Translated[AgeGroup] = Translated(
    {
        AgeGroup.UNDER_18: N_("under 18"),
        AgeGroup.ADULT: N_("18 to 64"),
        AgeGroup.OLDER: N_("65 or over"),
    }
)

KIDNEY_LABELS: Translated[Kidney] = Translated(
    {
        Kidney.NONE: N_("no kidney disease"),
        Kidney.SOME: N_("some kidney disease"),
        Kidney.SEVERE: N_("severe kidney disease or dialysis"),
    }
)

# The five questions, in the order they are asked.
QUESTIONS: Translated[str] = Translated(
    {
        "kidney": N_("kidney disease"),
        "heart_block": N_("heart block or a slow heart rate"),
        "pregnant": N_("pregnancy or breastfeeding"),
        "age_group": N_("your age group"),
        "medicines": N_("the medicines you take"),
    }
)


@dataclass(frozen=True)
class SafetyAnswers:
    """The safety questions as the person answered them. None is "not answered": there are
    no default answers.

    `answered_on` is when the answers were given or last changed; `confirmed_on` when they were
    last confirmed (None: carried over from an older version, which pre-selected an answer, so
    they must be confirmed once).
    """

    kidney: Kidney | None = None
    heart_block: bool | None = None
    pregnant: bool | None = None
    age_group: AgeGroup | None = None
    medicines: frozenset[Medicine] | None = None
    answered_on: date | None = None
    confirmed_on: date | None = None

    def __post_init__(self) -> None:
        if self.kidney is not None:
            object.__setattr__(self, "kidney", Kidney(self.kidney))
        if self.age_group is not None:
            object.__setattr__(self, "age_group", AgeGroup(self.age_group))
        if self.medicines is not None:
            object.__setattr__(self, "medicines", frozenset(Medicine(m) for m in self.medicines))
        for name in ("heart_block", "pregnant"):
            if getattr(self, name) not in (None, True, False):
                raise InvalidRecord([(name, _("must be yes, no or not answered"))])

    def answer(self, question: str) -> object:
        return getattr(self, question)

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(q for q in QUESTIONS if self.answer(q) is None)

    @property
    def any_answered(self) -> bool:
        return len(self.unanswered) < len(QUESTIONS)

    def with_answers(self, today: date, **answers: object) -> SafetyAnswers:
        """These answers given today. A real change re-dates the answers; giving the same
        answers again only confirms them (and keeps an earlier clearance in force)."""
        unknown = set(answers) - set(QUESTIONS)
        if unknown:
            raise InvalidRecord([(name, _("is not a safety question")) for name in sorted(unknown)])
        changed = dataclasses.replace(self, **answers)  # type: ignore[arg-type]
        same = all(changed.answer(q) == self.answer(q) for q in QUESTIONS)
        return dataclasses.replace(
            changed,
            answered_on=self.answered_on if same and self.answered_on else today,
            confirmed_on=today,
        )

    def confirmed(self, today: date) -> SafetyAnswers:
        """The same answers, confirmed today: the confirmation is re-dated, not the answers."""
        return dataclasses.replace(self, confirmed_on=today, answered_on=self.answered_on or today)


NO_ANSWERS = SafetyAnswers()


class Concern(str, Enum):
    """An answer that needs a clinician's word before magnesium is tried."""

    SEVERE_KIDNEY = "severe_kidney"
    SOME_KIDNEY = "some_kidney"
    HEART = "heart"
    PREGNANT = "pregnant"
    UNDER_18 = "under_18"
    OLDER = "older"
    MEDICINES = "medicines"


# Where UK product labels contraindicate magnesium, or a clinician must set any dose: after a
# clearance the guide still keeps to the start dose until the ceiling itself is approved.
STRONGEST: frozenset[Concern] = frozenset(
    {Concern.SEVERE_KIDNEY, Concern.HEART, Concern.PREGNANT, Concern.UNDER_18}
)

CONCERN_LABELS: Translated[Concern] = Translated(
    {
        Concern.SEVERE_KIDNEY: N_("severe kidney disease or dialysis"),
        Concern.SOME_KIDNEY: N_("kidney disease"),
        Concern.HEART: N_("heart block or a slow heart rate"),
        Concern.PREGNANT: N_("pregnancy or breastfeeding"),
        Concern.UNDER_18: N_("age under 18"),
        Concern.OLDER: N_("age 65 or over"),
        Concern.MEDICINES: N_("two or more interacting medicines"),
    }
)

CONCERN_TEXT: Translated[Concern] = Translated(
    {
        Concern.SEVERE_KIDNEY: N_(
            "You have severe kidney disease or dialysis: the kidneys clear magnesium, and it can "
            "build up to dangerous levels. Product labels advise against magnesium here."
        ),
        Concern.SOME_KIDNEY: N_(
            "You have kidney disease: the kidneys clear magnesium, so a clinician should confirm "
            "first that it is safe for you."
        ),
        Concern.HEART: N_(
            "You have heart block or a slow heart rate: product labels advise against magnesium "
            "with heart conduction problems."
        ),
        Concern.PREGNANT: N_(
            "You are pregnant or breastfeeding: a clinician should confirm first whether to take "
            "magnesium, and how much."
        ),
        Concern.UNDER_18: N_("You are under 18: a clinician should set any dose."),
        Concern.OLDER: N_(
            "At 65 and over, a clinician should confirm first that magnesium is safe for you."
        ),
        Concern.MEDICINES: N_(
            "You take two or more medicines that interact with magnesium: a clinician or "
            "pharmacist should check the combination first."
        ),
    }
)


def concerns(answers: SafetyAnswers) -> tuple[Concern, ...]:
    """The answers that call for a clinician first."""
    found = []
    if answers.kidney is Kidney.SEVERE:
        found.append(Concern.SEVERE_KIDNEY)
    elif answers.kidney is Kidney.SOME:
        found.append(Concern.SOME_KIDNEY)
    if answers.heart_block:
        found.append(Concern.HEART)
    if answers.pregnant:
        found.append(Concern.PREGNANT)
    if answers.age_group is AgeGroup.UNDER_18:
        found.append(Concern.UNDER_18)
    elif answers.age_group is AgeGroup.OLDER:
        found.append(Concern.OLDER)
    if len((answers.medicines or frozenset()) - {Medicine.OTHER}) >= 2:
        found.append(Concern.MEDICINES)
    return tuple(found)


@dataclass(frozen=True)
class Clearance:
    """ "A clinician said I may take magnesium", on `date`, recorded on `recorded_on`.

    `covers` holds the warning signs (night, sign) that were in the diary, on nights before
    `date`, when it was recorded: a sign written in later is not cleared by it.
    """

    date: datetime.date
    recorded_on: datetime.date
    note: str = ""
    covers: frozenset[tuple[datetime.date, RedFlag]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        problems = []
        if self.date > self.recorded_on:
            problems.append(("date", _("a clearance can't be dated after the day it is recorded")))
        if len(self.note) > MAX_CLEARANCE_NOTE_CHARS:
            most = number(MAX_CLEARANCE_NOTE_CHARS, grouped=True)
            problems.append(("note", _("longer than {most} characters").format(most=most)))
        if problems:
            raise InvalidRecord(problems)

    def clears(self, night: Night) -> bool:
        """Every warning sign of `night` was known to this clearance, dated after the night."""
        return self.date > night.date and all(
            (night.date, flag) in self.covers for flag in night.red_flags
        )


def new_clearance(day: date, today: date, note: str, nights: Iterable[Night]) -> Clearance:
    """A clearance dated `day`, recorded today, covering the warning signs the diary holds on
    nights before `day`."""
    if day > today:
        raise InvalidRecord([("date", _("{day} is after today").format(day=listed_date(day)))])
    covers = frozenset(
        (night.date, flag) for night in nights if night.date < day for flag in night.red_flags
    )
    return Clearance(day, today, note.strip(), covers)


def cleared(night: Night, clearances: Iterable[Clearance]) -> bool:
    return any(clearance.clears(night) for clearance in clearances)


@dataclass(frozen=True)
class SafetyStatus:
    """What the safety answers and clearances mean for tonight."""

    unanswered: tuple[str, ...]
    unconfirmed: bool  # carried over from an older version, never confirmed
    confirmed_on: date | None
    stale: bool  # last confirmed more than a year before tonight
    concerns: tuple[Concern, ...]
    clearance: Clearance | None  # the latest clearance dated on or after the answers
    start_dose_only: bool  # the strongest reasons, cleared, but the ceiling not yet approved

    @property
    def needs_clinician(self) -> bool:
        return bool(self.concerns) and self.clearance is None

    @property
    def consult(self) -> bool:
        return bool(self.unanswered) or self.unconfirmed or self.stale or self.needs_clinician


def safety_status(
    answers: SafetyAnswers, clearances: Iterable[Clearance], plan: Plan, tonight: date
) -> SafetyStatus:
    found = concerns(answers)
    answered_on = answers.answered_on
    covering = [c for c in clearances if answered_on is not None and c.date >= answered_on]
    clearance = max(covering, key=lambda c: (c.date, c.recorded_on)) if covering else None
    approved_on = plan.ceiling_approved_on
    approved_after_answers = (
        approved_on is not None and answered_on is not None and approved_on >= answered_on
    )
    confirmed_on = answers.confirmed_on
    return SafetyStatus(
        unanswered=answers.unanswered,
        unconfirmed=answers.any_answered and confirmed_on is None,
        confirmed_on=confirmed_on,
        stale=confirmed_on is not None and (tonight - confirmed_on).days > CONFIRM_AFTER_DAYS,
        concerns=found,
        clearance=clearance,
        start_dose_only=bool(STRONGEST & set(found))
        and clearance is not None
        and not approved_after_answers,
    )


def consult_reasons(status: SafetyStatus, tonight: date) -> list[str]:
    """Why the guide suggests no dose until the person has acted, in plain words."""
    reasons = []
    if status.unanswered and len(status.unanswered) == len(QUESTIONS):
        reasons.append(
            _(
                "You have not answered the safety questions yet. Answer them before taking "
                "magnesium: some conditions and medicines make it unsafe without a clinician."
            )
        )
    elif status.unanswered:
        missing = joined([QUESTIONS[q] for q in status.unanswered])
        reasons.append(
            _("Some safety questions are not answered yet: {missing}.").format(missing=missing)
        )
    if status.unconfirmed:
        reasons.append(
            _(
                "Your safety answers come from an older version of RLS Tracker, which filled "
                "in your age group for you. Please check and confirm them once."
            )
        )
    elif status.stale and status.confirmed_on is not None:
        reasons.append(
            _(
                "Your safety answers were last confirmed on {day}, more than a year ago. Please "
                "check they are still right and confirm them."
            ).format(day=day_words(status.confirmed_on, tonight))
        )
    if status.needs_clinician:
        reasons += [CONCERN_TEXT[c] for c in status.concerns]
        reasons.append(
            _(
                "Please talk to your clinician before trying magnesium. If they say you may, "
                "record it (Record a clearance…) and the guide will go on."
            )
        )
    return reasons


def warnings(answers: SafetyAnswers, status: SafetyStatus, tonight: date) -> list[str]:
    """What the person should keep in mind whatever the suggestion: answers not given or not
    confirmed, the conditions a clearance covered, and medicines that change magnesium."""
    found = []
    if status.unanswered:
        found.append(
            _("Safety questions not answered: {questions}.").format(
                questions=joined([QUESTIONS[q] for q in status.unanswered])
            )
        )
    if status.unconfirmed:
        found.append(_("Your safety answers need to be confirmed once."))
    elif status.stale:
        found.append(_("Your safety answers are more than a year old: please confirm them."))
    if status.concerns and status.clearance is not None:
        found.append(
            _(
                "Your clinician said you may take magnesium (recorded for {day}). Tell them if "
                "anything changes."
            ).format(day=day_words(status.clearance.date, tonight))
        )
    if status.start_dose_only:
        found.append(
            _(
                "Because of your answers, the guide keeps to your start dose until you record "
                "that your clinician approved a ceiling (Settings, Plan)."
            )
        )
    medicines = answers.medicines or frozenset()
    if Medicine.DIURETIC in medicines:
        found.append(
            _(
                "Water tablets change how much magnesium you lose (some more, some less): tell "
                "your clinician you are taking magnesium."
            )
        )
    if Medicine.PPI in medicines:
        found.append(
            # Translators: proton-pump inhibitors (omeprazole, lansoprazole), not antacids.
            _(
                "Stomach-acid medicines taken for a long time can lower magnesium levels: worth "
                "mentioning to your clinician."
            )
        )
    return found


TIMING_ADVICE: Translated[Medicine] = Translated(
    {
        Medicine.LEVOTHYROXINE: N_("Keep levothyroxine and magnesium at least 4 hours apart."),
        Medicine.BISPHOSPHONATE: N_(
            "Keep your bisphosphonate and magnesium at least 2 hours apart (UK labels say 3 to 4)."
        ),
        Medicine.TETRACYCLINE: N_(
            "Take the tetracycline antibiotic 2 hours before magnesium, or 4 to 6 hours after it."
        ),
        Medicine.QUINOLONE: N_(
            "Take the quinolone antibiotic 2 hours before magnesium, or 4 to 6 hours after it."
        ),
        Medicine.IRON: N_("Keep iron and magnesium 3 to 4 hours apart."),
        Medicine.GABAPENTIN: N_(
            "Take gabapentin at least 2 hours after magnesium (the advice on gabapentin's label is "
            "for antacids that contain magnesium; ask your pharmacist about your supplement)."
        ),
        Medicine.OTHER: N_(
            "Where you can, keep other medicines 2 to 3 hours apart from magnesium."
        ),
    }
)


def timing_advice(answers: SafetyAnswers) -> list[str]:
    medicines = answers.medicines or frozenset()
    return [text for medicine, text in TIMING_ADVICE.items() if medicine in medicines]
