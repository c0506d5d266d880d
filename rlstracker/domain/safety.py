"""What the safety answers mean: reasons to see a clinician first, cautions, timing advice."""

from __future__ import annotations

from rlstracker.domain.models import AgeGroup, Medicine, Screening

DISCLAIMER = (
    "RLS Tracker keeps a diary and follows simple, cautious rules to suggest a dose. It is not "
    "medical advice and does not prescribe: you decide, ideally with your clinician. The evidence "
    "that magnesium helps restless legs is mixed, and it may not help you."
)

SEEK_HELP = (
    "Stop taking magnesium and seek medical help now (call your doctor, or emergency services "
    "if it is severe)."
)


def consult_reasons(screening: Screening) -> list[str]:
    """Answers that rule out trying magnesium without a clinician's approval."""
    reasons = []
    if screening.severe_kidney_disease:
        reasons.append(
            "You have severe kidney disease or dialysis: the kidneys clear magnesium, and it can "
            "build up to dangerous levels."
        )
    if screening.heart_block_or_slow_heart_rate:
        reasons.append(
            "You have heart block or a slow heart rate: magnesium can slow the heart's "
            "conduction further."
        )
    if screening.pregnant_or_breastfeeding:
        reasons.append("You are pregnant or breastfeeding: a clinician should set any dose.")
    if screening.age_group is AgeGroup.UNDER_18:
        reasons.append("You are under 18: a clinician should set any dose.")
    return reasons


def cautions(screening: Screening) -> list[str]:
    """Answers that don't stop the guide but deserve a clinician's word."""
    notes = []
    if screening.other_kidney_disease and not screening.severe_kidney_disease:
        notes.append(
            "You have some kidney disease: ask your clinician to confirm that magnesium is safe "
            "for you."
        )
    if screening.age_group is AgeGroup.OLDER:
        notes.append(
            "At 65 and over, ask your clinician to confirm that magnesium is safe for you."
        )
    prescribed = screening.medicines - {Medicine.OTHER}
    if len(prescribed) >= 2:
        notes.append(
            "You take several medicines that interact with magnesium: ask your pharmacist or "
            "clinician to check the combination."
        )
    if Medicine.DIURETIC in screening.medicines:
        notes.append(
            "Water tablets change how much magnesium you lose (some more, some less): tell your "
            "clinician you are taking magnesium."
        )
    if Medicine.PPI in screening.medicines:
        notes.append(
            "Long-term stomach-acid medicines can lower magnesium levels: worth mentioning to "
            "your clinician."
        )
    return notes


TIMING_ADVICE: dict[Medicine, str] = {
    Medicine.LEVOTHYROXINE: "Keep levothyroxine and magnesium at least 4 hours apart.",
    Medicine.BISPHOSPHONATE: (
        "Keep your bisphosphonate and magnesium at least 2 hours apart (UK labels say 3 to 4)."
    ),
    Medicine.TETRACYCLINE: (
        "Take the tetracycline antibiotic 2 hours before magnesium, or 4 to 6 hours after it."
    ),
    Medicine.QUINOLONE: (
        "Take the quinolone antibiotic 2 hours before magnesium, or 4 to 6 hours after it."
    ),
    Medicine.IRON: "Keep iron and magnesium 3 to 4 hours apart.",
    Medicine.GABAPENTIN: "Take gabapentin at least 2 hours after magnesium.",
    Medicine.OTHER: "Where you can, keep other medicines 2 to 3 hours apart from magnesium.",
}


def timing_advice(screening: Screening) -> list[str]:
    return [text for medicine, text in TIMING_ADVICE.items() if medicine in screening.medicines]
