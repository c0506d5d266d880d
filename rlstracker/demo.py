"""A plausible 16-week example diary, made by a simulated person who follows the guide."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.iron import IronResult
from rlstracker.domain.language import N_, _
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import AgeGroup, Kidney, Medicine, SafetyAnswers
from rlstracker.domain.titration import Action, suggest
from rlstracker.storage import Diary

DEMO_WEEKS = 16
_SEED = 20261124  # a fixed seed: the same story every time, only the dates move

# The example person's notes, written in the language in use when the example is made. Which
# notes make a night worse is read from the English, so the story is the same in every language.
_EVERYDAY_NOTES = (
    N_("Long drive today, legs bad in the evening."),
    N_("Walked after dinner, helped a bit."),
    N_("Coffee late in the afternoon."),
    N_("Glass of wine with dinner."),
    N_("Stretched before bed."),
    N_("Hot bath before bed, settled quicker."),
    N_("Sat through a long film, legs restless."),
    N_("Busy day, tired, slept through."),
    N_("Woke at 3 with the creeping feeling, got up and walked."),
    N_('Neighbour said "try a warm bath", so I did; settled a little.'),
)
_WORSE_WORDS = ("worse", "bad", "restless")  # not user text: read in the English notes above


@dataclass(frozen=True)
class DemoDiary:
    plan: Plan
    answers: SafetyAnswers
    product: Product
    nights: tuple[Night, ...]
    iron: tuple[IronResult, ...]


def demo_diary(today: date) -> DemoDiary:
    """The example diary for the 16 weeks up to yesterday."""
    rng = random.Random(_SEED)
    plan = Plan()
    first = today - timedelta(weeks=DEMO_WEEKS)
    answers = SafetyAnswers(
        kidney=Kidney.NONE,
        heart_block=False,
        pregnant=False,
        age_group=AgeGroup.ADULT,
        medicines=frozenset({Medicine.IRON}),
        answered_on=first,
        confirmed_on=first,
    )
    product = Product(
        # Translators: the example diary's product, as its label would name it.
        _("Magnesium bisglycinate capsules"),
        "glycinate",
        50,
        LabelBasis.ELEMENTAL,
        "capsule",
    )
    nights: list[Night] = []
    days_on_magnesium = 0
    nights_at_high_dose = 0
    for offset in range(DEMO_WEEKS * 7):
        day = first + timedelta(days=offset)
        tonight = suggest(plan, answers, nights, day, product)
        dose = tonight.dose_mg or 0
        note = ""
        if dose and rng.random() < 0.035:
            dose, note = 0, _("Forgot to take it.")
        if dose:
            days_on_magnesium += 1
        nights_at_high_dose = nights_at_high_dose + 1 if dose >= 250 else 0

        diarrhoea = 1 if dose >= 150 and rng.random() < 0.05 * dose / 150 else 0
        if nights_at_high_dose == 3:
            diarrhoea = 2
            note = _("Loose stools five times today, had to stay near home.")
        cramps = 1 if diarrhoea and rng.random() < 0.6 else 0
        drowsiness = 1 if dose and rng.random() < 0.04 else 0

        improvement = min(3.2, 0.055 * days_on_magnesium) + (0.4 if dose >= 150 else 0.0)
        severity = round(min(10.0, max(0.0, rng.gauss(6.6 - improvement, 1.3))))
        sleep = round(min(10.0, max(0.0, rng.gauss(9.0 - 0.75 * severity, 1.0))))
        if not note and rng.random() < 0.14:
            english = rng.choice(_EVERYDAY_NOTES)
            note = _(english)
            if any(word in english for word in _WORSE_WORDS):
                severity = min(10, severity + 2)

        if rng.random() < 0.045 and tonight.action is not Action.BASELINE:
            continue  # a night nobody wrote down
        nights.append(
            Night(
                date=day,
                dose_mg=dose,
                form="glycinate" if dose else None,
                symptom_severity=severity,
                sleep_quality=None if rng.random() < 0.06 else sleep,
                diarrhoea=diarrhoea,
                nausea=0,
                stomach_cramps=cramps,
                drowsiness=drowsiness,
                notes=note,
            )
        )
    iron = (
        IronResult(first + timedelta(days=10), ferritin_ng_per_ml=48, saturation_percent=17),
        IronResult(today - timedelta(days=12), ferritin_ng_per_ml=81, saturation_percent=24),
    )
    return DemoDiary(plan, answers, product, tuple(nights), iron)


def save_demo(diary: Diary, today: date) -> DemoDiary:
    """Write the example into `diary` in one transaction, marked as example data."""
    example = demo_diary(today)
    with diary.batch():
        diary.save_plan(example.plan)
        diary.save_safety_answers(example.answers)
        diary.use_product(example.product)
        for result in example.iron:
            diary.save_iron_result(result)
        diary.import_nights(example.nights)
        diary.mark_example()
        diary.mark_set_up()
    return example
