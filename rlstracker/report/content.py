"""What the report says, worked out from the diary: plain Python, no Qt, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rlstracker.domain import analysis, language
from rlstracker.domain.forms import FORMS, LabelBasis, Product, unit_label
from rlstracker.domain.iron import IronAdvice, IronResult, iron_advice
from rlstracker.domain.language import N_, _, ngettext, number
from rlstracker.domain.models import (
    RED_FLAG_LABELS,
    RED_FLAG_WORDS,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    Night,
    RedFlag,
    effect_at_grade,
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
from rlstracker.domain.wording import full_day, joined, mg
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


# Marked here, translated where said: _(DISCLAIMER).
DISCLAIMER = N_(
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
        long_note = _(
            "The dates asked for span {years} years ({nights} nights), too long for one "
            "report: it shows the last two years, {first} to {last}. {earlier} earlier nights "
            "are left out; choose earlier dates for another report."
        ).format(
            years=f"{years:.0f}",
            nights=len(shown),
            first=day_text(cut),
            last=day_text(last),
            earlier=earlier,
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
        return [_("No product recorded.")]
    form = FORMS[product.form]
    unit = unit_label(product.unit, 1)
    if product.label_basis is LabelBasis.ELEMENTAL:
        first = _(
            "{name}: {form}, {dose} per {unit} (the label gives the magnesium (elemental) amount)."
        )
    else:
        first = _(
            "{name}: {form}, {dose} per {unit} (the label gives the compound's weight; "
            "{form_lower} is taken as {share} magnesium by formula)."
        )
    lines = [
        first.format(
            name=product.name,
            form=form.name,
            dose=mg(product.amount_per_unit_mg),
            unit=unit,
            form_lower=form.name.lower() if language.current() == "en" else form.name,
            share=language.percent(form.elemental_fraction or 0),
        ),
        _("= {dose} of elemental magnesium per {unit}.").format(
            dose=mg(product.elemental_mg_per_unit), unit=unit
        ),
    ]
    if product.varies:
        lines.append(
            _(
                "Products of this form vary; one {unit} may hold up to {dose}, and the guide "
                "checks the ceiling with that figure."
            ).format(unit=unit, dose=mg(product.upper_mg_per_unit))
        )
    return lines


def _plan_lines(plan: Plan) -> list[str]:
    first = ngettext(
        "Start {start}; steps of {step} after {nights} night; ceiling {ceiling} ({authority}: "
        "{limit} a day from supplements).",
        "Start {start}; steps of {step} after {nights} nights; ceiling {ceiling} ({authority}: "
        "{limit} a day from supplements).",
        plan.interval_nights,
    ).format(
        start=mg(plan.start_mg),
        step=mg(plan.step_mg),
        nights=plan.interval_nights,
        ceiling=mg(plan.ceiling_mg),
        authority=plan.region.authority,
        limit=mg(plan.region.limit_mg),
    )
    if plan.ceiling_approved_on:
        first += " " + _("Ceiling approved by the patient's clinician (recorded {day}).").format(
            day=full_day(plan.ceiling_approved_on)
        )
    return [
        first,
        ngettext(
            "Baseline of {baseline} night without magnesium; symptoms counted as controlled at "
            "a 7-night mean of {target}/10 or less; review after {review} nights at a steady "
            "dose.",
            "Baseline of {baseline} nights without magnesium; symptoms counted as controlled at "
            "a 7-night mean of {target}/10 or less; review after {review} nights at a steady "
            "dose.",
            plan.baseline_nights,
        ).format(
            baseline=plan.baseline_nights,
            target=number(plan.target_severity),
            review=plan.review_nights,
        ),
    ]


def _summary_lines(
    everything: list[Night], shown: list[Night], limits: analysis.GuideLimits
) -> list[str]:
    if not shown:
        return [_("No nights were recorded in these dates.")]
    calendar_nights = (shown[-1].date - shown[0].date).days + 1
    lines = [
        ngettext(
            "{count} night recorded from {first} to {last} ({calendar} calendar nights).",
            "{count} nights recorded from {first} to {last} ({calendar} calendar nights).",
            len(shown),
        ).format(
            count=len(shown),
            first=day_text(shown[0].date),
            last=day_text(shown[-1].date),
            calendar=calendar_nights,
        )
    ]
    recent = [n for n in shown if n.took_magnesium and n.symptom_severity is not None]
    recent = recent[-RECENT_NIGHTS:]
    comparison = analysis.compare_with_baseline(everything, recent=recent)
    if comparison.baseline_mean is None:
        lines.append(_("No baseline (nights without magnesium before the first dose) to compare."))
    elif comparison.recent_mean is None:
        lines.append(
            _(
                "Baseline: mean symptoms {mean}/10 over {count} nights; no nights on magnesium "
                "to compare yet."
            ).format(mean=number(comparison.baseline_mean, 1), count=comparison.baseline_count)
        )
    else:
        change = comparison.improvement or 0.0
        if abs(change) < 0.05:
            amount = _("no different")
        elif change > 0:
            amount = _("{points} points lower").format(points=number(abs(change), 1))
        else:
            amount = _("{points} points higher").format(points=number(abs(change), 1))
        lines.append(
            _(
                "Mean symptoms {recent}/10 over the last {recent_count} nights on magnesium, "
                "against {baseline}/10 over {baseline_count} baseline nights: {amount}. "
                "Self-rated and unblinded."
            ).format(
                recent=number(comparison.recent_mean, 1),
                recent_count=comparison.recent_count,
                baseline=number(comparison.baseline_mean, 1),
                baseline_count=comparison.baseline_count,
                amount=amount,
            )
        )
    if limits.highest_tolerated is not None:
        lines.append(_("Highest tolerated dose: {dose}.").format(dose=mg(limits.highest_tolerated)))
    if limits.cap is not None:
        lines.append(
            _("Not tolerated: {dose} ({what} on {day}).").format(
                dose=mg(limits.cap.dose_mg), what=limits.cap.what, day=day_text(limits.cap.date)
            )
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
        dose = f" {mg(after.dose_mg)}" if after.dose_mg else ""
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
        return ngettext("none in {count} night", "none in {count} nights", nights).format(
            count=nights
        )
    shown = ", ".join(day_text(d) for d in row.dates[:10])
    count = len(row.dates)
    if count > 10:
        return ngettext(
            "{count} night: {dates} and {more} more",
            "{count} nights: {dates} and {more} more",
            count,
        ).format(count=count, dates=shown, more=count - 10)
    return ngettext("{count} night: {dates}", "{count} nights: {dates}", count).format(
        count=count, dates=shown
    )


def _events(shown: list[Night]) -> list[Event]:
    events = []
    for night in shown:
        effects = [
            effect_at_grade(e, night.grade(e) or 0)
            for e in SIDE_EFFECTS
            if (night.grade(e) or 0) >= 2
        ]
        if effects:
            listed = ", ".join(effects)
            if language.current() == "en":
                listed = listed.capitalize()
            else:
                listed = listed[:1].upper() + listed[1:]
            if night.dose_mg:
                text = _("{effects} at {dose}.").format(effects=listed, dose=mg(night.dose_mg))
            else:
                text = _("{effects}.").format(effects=listed)
            events.append(Event(night.date, text))
        if night.red_flags:
            signs = ", ".join(_sign_words(f) for f in sorted(night.red_flags))
            if night.dose_mg:
                text = _("Warning signs recorded: {signs} at {dose}.").format(
                    signs=signs, dose=mg(night.dose_mg)
                )
            else:
                text = _("Warning signs recorded: {signs}.").format(signs=signs)
            events.append(Event(night.date, text))
    return events


def _sign_words(flag: RedFlag) -> str:
    """A warning sign inside a sentence (in English as the report has always written it)."""
    if language.current() == "en":
        return RED_FLAG_LABELS[flag].lower()
    return RED_FLAG_WORDS[flag]


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
        return [_("The safety questions were not answered.")]
    lines = []
    said = []
    if answers.kidney is not None:
        said.append(KIDNEY_LABELS[answers.kidney])
    if answers.heart_block is not None:
        said.append(
            _("heart block or a slow heart rate") if answers.heart_block else _("no heart block")
        )
    if answers.pregnant is not None:
        said.append(
            _("pregnant or breastfeeding")
            if answers.pregnant
            else _("not pregnant or breastfeeding")
        )
    if answers.age_group is not None:
        said.append(_("age {group}").format(group=AGE_LABELS[answers.age_group]))
    if said:
        lines.append(_("Answers: {answers}.").format(answers=joined(said)))
    else:
        lines.append(_("No condition answered."))
    if answers.medicines is not None:
        if answers.medicines:
            names = [MEDICINE_LABELS[m] for m in sorted(answers.medicines, key=lambda m: m.value)]
            lines.append(_("Medicines: {names}.").format(names="; ".join(names)))
        else:
            lines.append(_("No interacting medicines reported."))
    if answers.unanswered:
        lines.append(
            _("Not answered: {questions}.").format(
                questions=joined([QUESTIONS[q] for q in answers.unanswered])
            )
        )
    given, confirmed = answers.answered_on, answers.confirmed_on
    if given and confirmed:
        text = _("Answers given or last changed on {given} and last confirmed on {confirmed}.")
    elif given:
        text = _(
            "Answers given or last changed on {given} and not yet confirmed since an update of "
            "the app."
        )
    elif confirmed:
        text = _("Answers last confirmed on {confirmed}.")
    else:
        text = _("Answers not yet confirmed since an update of the app.")
    lines.append(
        text.format(given=given and day_text(given), confirmed=confirmed and day_text(confirmed))
    )
    for concern in concerns(answers):
        lines.append(
            _("Needs a clinician's word first: {concern}").format(concern=CONCERN_TEXT[concern])
        )
    for clearance in clearances:
        text = _(
            'Clinician\'s clearance ("a clinician said I may take magnesium"), dated {day}, '
            "recorded {recorded}."
        ).format(day=day_text(clearance.date), recorded=day_text(clearance.recorded_on))
        if clearance.note:
            text += " " + _("Note: {note}").format(note=_shortened(clearance.note, 300))
        lines.append(text)
    return lines
