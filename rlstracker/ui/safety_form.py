"""The safety questions: no answer chosen until the person chooses it, with their dates."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import _, pgettext
from rlstracker.domain.safety import (
    CONCERN_TEXT,
    MEDICINE_LABELS,
    QUESTIONS,
    TIMING_ADVICE,
    AgeGroup,
    Kidney,
    Medicine,
    SafetyAnswers,
    concerns,
)
from rlstracker.domain.wording import full_day, joined
from rlstracker.ui.theme import style_role
from rlstracker.ui.wrapped_check_box import WrappedCheckBox, WrappedRadioButton


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ChoiceGroup(QGroupBox):
    """A question answered by one of several radio buttons, none chosen at first."""

    changed = Signal()

    def __init__(self, title: str, choices: list[tuple[object, str]], vertical: bool = False):
        super().__init__(title)
        self.buttons = QButtonGroup(self)
        layout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        self._values: dict[int, object] = {}
        for index, (value, text) in enumerate(choices):
            # Stacked answers wrap their words (a long one in French was wider than the screen).
            button = WrappedRadioButton(text) if vertical else QRadioButton(text)
            self.buttons.addButton(button, index)
            self._values[index] = value
            layout.addWidget(button)
        if not vertical:
            layout.addStretch(1)
        self.buttons.idToggled.connect(lambda *_: self.changed.emit())

    def value(self) -> object:
        return self._values.get(self.buttons.checkedId())

    def set_value(self, value: object) -> None:
        # An exclusive group can't be emptied by unchecking: lift exclusivity for a moment.
        self.buttons.setExclusive(False)
        for index, button in enumerate(self.buttons.buttons()):
            button.setChecked(value is not None and self._values[index] == value)
        self.buttons.setExclusive(True)
        self.changed.emit()


class SafetyForm(QWidget):
    """The five safety questions. `answers()` gives what is chosen (None where nothing is);
    the caller dates them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = SafetyAnswers()
        no, yes = pgettext("answer", "No"), pgettext("answer", "Yes")
        self.kidney = ChoiceGroup(
            _("Kidney disease"),
            [
                (Kidney.NONE, _("No kidney disease")),
                (Kidney.SOME, _("Some kidney disease")),
                (Kidney.SEVERE, _("Severe kidney disease (eGFR below 30), or dialysis")),
            ],
            vertical=True,
        )
        self.heart = ChoiceGroup(_("Heart block, or a slow heart rate"), [(False, no), (True, yes)])
        self.pregnant = ChoiceGroup(_("Pregnant or breastfeeding"), [(False, no), (True, yes)])
        self.age = ChoiceGroup(
            _("Your age"),
            [
                (AgeGroup.UNDER_18, _("Under 18")),
                (AgeGroup.ADULT, _("18 to 64")),
                (AgeGroup.OLDER, _("65 or over")),
            ],
        )
        medicines_box = QGroupBox(_("Medicines you take: tick all that apply, or none"))
        medicines_layout = QVBoxLayout(medicines_box)
        self.no_medicines = WrappedCheckBox(_("None of these medicines"))
        medicines_layout.addWidget(self.no_medicines)
        self.medicine_boxes = {m: WrappedCheckBox(MEDICINE_LABELS[m]) for m in Medicine}
        for box in self.medicine_boxes.values():
            medicines_layout.addWidget(box)

        self.unanswered = wrapped()
        style_role(self.unanswered, "formProblem")
        self.consult = wrapped()
        style_role(self.consult, "seekHelp")
        self.advice = wrapped()
        self.dates = wrapped()
        self.confirm = WrappedCheckBox(_("These answers are still right: confirm them today"))
        self.confirm.hide()

        layout = QVBoxLayout(self)
        for widget in (
            self.kidney,
            self.heart,
            self.pregnant,
            self.age,
            medicines_box,
            self.unanswered,
            self.consult,
            self.advice,
            self.dates,
            self.confirm,
        ):
            layout.addWidget(widget)

        for group in (self.kidney, self.heart, self.pregnant, self.age):
            group.changed.connect(self._refresh)
        self.no_medicines.toggled.connect(self._on_no_medicines_toggled)
        for box in self.medicine_boxes.values():
            box.toggled.connect(self._on_medicine_toggled)
        self.confirm.toggled.connect(self._refresh)
        self._refresh()

    def set_value(self, answers: SafetyAnswers) -> None:
        self._saved = answers
        self.kidney.set_value(answers.kidney)
        self.heart.set_value(answers.heart_block)
        self.pregnant.set_value(answers.pregnant)
        self.age.set_value(answers.age_group)
        medicines = answers.medicines
        for widget in (self.no_medicines, *self.medicine_boxes.values()):
            widget.blockSignals(True)
        self.no_medicines.setChecked(medicines is not None and not medicines)
        for medicine, box in self.medicine_boxes.items():
            box.setChecked(medicines is not None and medicine in medicines)
        for widget in (self.no_medicines, *self.medicine_boxes.values()):
            widget.blockSignals(False)
        given, confirmed = answers.answered_on, answers.confirmed_on
        text = ""
        if given and confirmed:
            text = _("Your answers were given on {given} and last confirmed on {confirmed}.")
        elif confirmed:
            text = _("Your answers were last confirmed on {confirmed}.")
        elif given and answers.any_answered:
            text = _(
                "Your answers were given on {given} and not confirmed yet: an older version of "
                "RLS Tracker filled in your age group for you, so please check each answer."
            )
        elif given:
            text = _("Your answers were given on {given}.")
        elif answers.any_answered:
            text = _(
                "Your answers were not confirmed yet: an older version of RLS Tracker filled in "
                "your age group for you, so please check each answer."
            )
        self.dates.setText(
            text.format(
                given=given and full_day(given), confirmed=confirmed and full_day(confirmed)
            )
        )
        self.dates.setVisible(bool(text))
        self.confirm.setVisible(answers.any_answered)
        self.confirm.setChecked(False)
        self._refresh()

    def answers(self) -> dict[str, object]:
        """The five answers as chosen; None where nothing is chosen."""
        ticked = frozenset(m for m, box in self.medicine_boxes.items() if box.isChecked())
        if ticked:
            medicines: frozenset[Medicine] | None = ticked
        elif self.no_medicines.isChecked():
            medicines = frozenset()
        else:
            medicines = None
        return {
            "kidney": self.kidney.value(),
            "heart_block": self.heart.value(),
            "pregnant": self.pregnant.value(),
            "age_group": self.age.value(),
            "medicines": medicines,
        }

    def missing(self) -> list[str]:
        return [QUESTIONS[name] for name, value in self.answers().items() if value is None]

    def dated(self, today: date) -> SafetyAnswers:
        """The answers as the diary should keep them: re-dated if changed, confirmed if the
        person ticked the confirmation, else as they were."""
        chosen = self.answers()
        changed = any(chosen[q] != self._saved.answer(q) for q in QUESTIONS)
        if changed:
            return self._saved.with_answers(today, **chosen)
        if self.confirm.isChecked():
            return self._saved.confirmed(today)
        return self._saved

    def _on_no_medicines_toggled(self, checked: bool) -> None:
        if checked:
            for box in self.medicine_boxes.values():
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
        self._refresh()

    def _on_medicine_toggled(self, checked: bool) -> None:
        if checked:
            self.no_medicines.blockSignals(True)
            self.no_medicines.setChecked(False)
            self.no_medicines.blockSignals(False)
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        missing = self.missing()
        self.unanswered.setText(
            _("Still to answer: {questions}. There are no default answers.").format(
                questions=joined(missing)
            )
            if missing
            else ""
        )
        self.unanswered.setVisible(bool(missing))
        answers = SafetyAnswers(**self.answers())  # type: ignore[arg-type]
        found = concerns(answers)
        if found:
            # Translators: {concerns} is a list of the person's safety concerns, one a line.
            self.consult.setText(
                _(
                    "<b>Please talk to your clinician before trying magnesium.</b><br>{concerns}"
                    "<br>If they say you may take it, record that with <i>Record a clearance…</i>"
                    " (on Tonight, or in Settings); the guide then goes on."
                ).format(concerns="<br>".join(html.escape(CONCERN_TEXT[c]) for c in found))
            )
        self.consult.setVisible(bool(found))
        lines = [TIMING_ADVICE[m] for m in Medicine if m in (answers.medicines or ())]
        self.advice.setText("<br>".join(html.escape(line) for line in lines))
        self.advice.setVisible(bool(lines))
        self.changed.emit()
