"""Tonight: the suggested dose in big plain words, "Record as taken" under it, its reasons and
warnings, what to do next, and iron."""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QEvent, QTime, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain import language
from rlstracker.domain.iron import IronAdvice
from rlstracker.domain.language import _, pgettext
from rlstracker.domain.models import Intake, InvalidRecord, Night
from rlstracker.domain.safety import DISCLAIMER, SEEK_HELP
from rlstracker.domain.titration import ACTION_TITLES, Action, Need, Suggestion
from rlstracker.domain.wording import mg
from rlstracker.ui.fields import DoseField
from rlstracker.ui.theme import scaled, style_role


def bullets(lines: tuple[str, ...] | list[str]) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"<ul style='margin-left:-20px'>{items}</ul>"  # not user text: markup


def long_date(day: date) -> str:
    return language.long_date(day)


@dataclass(frozen=True)
class TrialNote:
    """What Tonight shows of a personal trial: a line, a button that opens it (or offers one),
    and how tonight is recorded: the box's dose in a blind trial, or "none taken"."""

    text: str
    button: str = ""
    box_dose_mg: float | None = None
    record_none: bool = False


class TonightPanel(QWidget):
    """Shows a Suggestion; emits `intake_recorded` when the person records a dose as taken,
    and asks for the safety answers or a clearance when the guide needs them."""

    intake_recorded = Signal(object)
    safety_requested = Signal()
    clearance_requested = Signal()
    trial_requested = Signal()  # open the trial, or set one up when it is offered
    none_recorded = Signal(object)  # date: "none taken" tonight, in a trial's week without

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestion: Suggestion | None = None
        self._read_only = False

        self.banner = QFrame()
        style_role(self.banner, "seekHelpBanner")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        QVBoxLayout(self.banner).addWidget(self.banner_text)
        self.banner.hide()

        self.date_label = QLabel()
        self.date_label.setWordWrap(True)
        self.title = QLabel()
        style_role(self.title, "actionTitle")
        self.title.setWordWrap(True)
        self.dose_label = QLabel()
        self.dose_label.setWordWrap(True)
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.review = QLabel()
        self.review.setWordWrap(True)
        style_role(self.review, "seekHelp")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.warnings_heading = QLabel(_("<b>To note</b>"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.answer_button = QPushButton(_("&Answer the safety questions…"))
        self.confirm_button = QPushButton(_("Confirm your safety ans&wers…"))
        self.clearance_button = QPushButton(_("Record a c&learance…"))
        self.clearance_button.setToolTip(_("Record that a clinician said you may take magnesium"))
        needs_row = QHBoxLayout()
        for button in (self.answer_button, self.confirm_button, self.clearance_button):
            needs_row.addWidget(button)
            button.hide()
        needs_row.addStretch(1)
        self.iron = QLabel()
        self.iron.setWordWrap(True)
        self.iron_heading = QLabel(_("<b>Iron</b>"))

        self.taken_dose = DoseField(_("Amount taken, mg elemental"), narrows=True)
        style_role(self.taken_dose.hint, "formProblem")
        self.taken_time = QTimeEdit()
        self.taken_time.setDisplayFormat("HH:mm")  # not user text: a time format
        self.taken_time.setAccessibleName(_("Time taken"))
        self.taken_button = QPushButton(_("&Record as taken"))
        self.taken_button.setToolTip(_("Add this amount to tonight's diary"))
        self.taken_summary = QLabel()
        self.taken_summary.setWordWrap(True)
        # Two short rows rather than one long one: the panel stays readable on a small screen
        # and with the largest text.
        amount_label = QLabel(_("Amount:"))
        taken_row = QHBoxLayout()
        taken_row.addWidget(amount_label)
        taken_row.addWidget(self.taken_dose, 2)
        taken_row.addWidget(QLabel(pgettext("time", "at")))
        taken_row.addWidget(self.taken_time)
        button_row = QHBoxLayout()
        button_row.addWidget(self.taken_button)
        button_row.addStretch(1)
        self.taken_box = QFrame()
        self.taken_box.setFrameShape(QFrame.Shape.StyledPanel)
        taken_layout = QVBoxLayout(self.taken_box)
        taken_layout.addLayout(taken_row)
        taken_layout.addLayout(button_row)
        taken_layout.addWidget(self.taken_summary)

        self.trial_box = QFrame()
        self.trial_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.trial_text = QLabel()
        self.trial_text.setWordWrap(True)
        self.trial_button = QPushButton(_("&Your trial…"))
        self.trial_button.setAccessibleName(_("The personal trial"))
        self.none_button = QPushButton(_("Record “none taken” tonight"))
        trial_row = QHBoxLayout()
        trial_row.addWidget(self.trial_button)
        trial_row.addWidget(self.none_button)
        trial_row.addStretch(1)
        trial_layout = QVBoxLayout(self.trial_box)
        trial_layout.addWidget(self.trial_text)
        trial_layout.addLayout(trial_row)
        self.trial_box.hide()

        disclaimer = QLabel(_(DISCLAIMER))
        disclaimer.setWordWrap(True)
        # Sizes relative to the text size the person chose; set again when it changes.
        self._scaled_fonts = [
            (self.banner_text, 1.25, True),
            (self.title, 1.6, True),
            (self.dose_label, 2.0, True),
            (self.units_label, 1.2, False),
            (disclaimer, 0.85, False),
        ]
        self._apply_scaled_fonts()

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.date_label)
        layout.addWidget(self.title)
        layout.addWidget(self.dose_label)
        layout.addWidget(self.units_label)
        # Recording the dose comes right under it: on a small screen (1024×600) it was below
        # the reasons and advice, out of sight until scrolled to.
        layout.addWidget(self.taken_box)
        layout.addWidget(self.trial_box)
        why = QLabel(_("<b>Why</b>"))
        layout.addWidget(why)
        layout.addWidget(self.reasons)
        layout.addLayout(needs_row)
        layout.addWidget(self.review)
        layout.addWidget(self.warnings_heading)
        layout.addWidget(self.warnings)
        self.advice_heading = QLabel(_("<b>Remember</b>"))
        layout.addWidget(self.advice_heading)
        layout.addWidget(self.advice)
        layout.addWidget(self.iron_heading)
        layout.addWidget(self.iron)
        layout.addStretch(1)
        layout.addWidget(disclaimer)

        # Tab goes down the panel as it reads: the dose's fields, the trial's buttons, then the
        # buttons under the reasons.
        chain = [
            self.taken_dose.edit,
            self.taken_time,
            self.taken_button,
            self.trial_button,
            self.none_button,
            self.answer_button,
            self.confirm_button,
            self.clearance_button,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.taken_button.clicked.connect(self._on_taken_button_clicked)
        self.answer_button.clicked.connect(self.safety_requested)
        self.confirm_button.clicked.connect(self.safety_requested)
        self.clearance_button.clicked.connect(self.clearance_requested)
        self.taken_dose.changed.connect(self._on_taken_dose_changed)
        self.trial_button.clicked.connect(self.trial_requested)
        self.none_button.clicked.connect(self._on_none_button_clicked)

    def _apply_scaled_fonts(self) -> None:
        for label, factor, bold in self._scaled_fonts:
            label.setFont(scaled(self.font(), factor, bold))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_scaled_fonts()

    def set_read_only(self, read_only: bool) -> None:
        """Nothing can be recorded into a read-only diary, whatever the suggestion."""
        self._read_only = read_only
        for button in (self.answer_button, self.confirm_button, self.clearance_button):
            button.setEnabled(not read_only)
        self._on_taken_dose_changed()

    def show_iron(self, advice: IronAdvice | None) -> None:
        where = _("Record iron results in Edit → Settings…, on the Iron tab.")
        self.iron.setText(f"{html.escape(advice.text)}<br>{where}" if advice else "")
        style_role(self.iron, "seekHelp" if advice and advice.low else "plain")
        self.iron.setVisible(advice is not None)
        self.iron_heading.setVisible(advice is not None)

    def show_suggestion(
        self, suggestion: Suggestion, night: Night | None, taken: list[Intake], now: time
    ) -> None:
        self._suggestion = suggestion
        action = suggestion.action
        self.date_label.setText(_("Tonight, {date}").format(date=long_date(suggestion.date)))
        self.title.setText(
            _("Stop, and get medical help") if suggestion.seek_help else ACTION_TITLES[action]
        )
        if suggestion.dose_mg:
            self.dose_label.setText(_("{dose} of magnesium").format(dose=mg(suggestion.dose_mg)))
        elif action is Action.CONSULT:
            self.dose_label.setText(_("No dose suggested"))
        elif action is Action.TRIAL_BLIND:
            self.dose_label.setText(_("Tonight's capsules from the box"))
        else:
            self.dose_label.setText(_("No magnesium tonight"))
        self.units_label.setText(suggestion.units_text or "")
        self.units_label.setVisible(bool(suggestion.units_text))
        self.reasons.setText(bullets(suggestion.reasons))
        self.review.setText(
            _("<b>Review:</b> talk to your clinician about whether to go on.")
            if suggestion.review
            else ""
        )
        self.review.setVisible(suggestion.review)
        self.advice.setText(bullets(suggestion.advice) if suggestion.advice else "")
        self.advice.setVisible(bool(suggestion.advice))
        self.advice_heading.setVisible(bool(suggestion.advice))
        self.warnings.setText(bullets(suggestion.warnings) if suggestion.warnings else "")
        self.warnings.setVisible(bool(suggestion.warnings))
        self.warnings_heading.setVisible(bool(suggestion.warnings))
        self.answer_button.setVisible(Need.ANSWERS in suggestion.needs)
        self.confirm_button.setVisible(
            Need.CONFIRMATION in suggestion.needs and Need.ANSWERS not in suggestion.needs
        )
        self.clearance_button.setVisible(Need.CLEARANCE in suggestion.needs)
        stopping = action is Action.STOP
        if suggestion.seek_help:
            self.banner_text.setText(
                _("⚠ Warning signs recorded. {advice}").format(advice=_(SEEK_HELP))
            )
        elif stopping:
            self.banner_text.setText("⚠ " + suggestion.reasons[0])
        self.banner.setVisible(suggestion.seek_help or stopping)
        self.taken_box.setVisible(bool(suggestion.dose_mg))
        recorded = night.dose_mg if night is not None else None
        if taken:
            times = ", ".join(f"{i.taken_at:%H:%M} ({mg(i.dose_mg)})" for i in taken)
            self.taken_summary.setText(
                _("Taken tonight: {dose} — {times}.").format(dose=mg(recorded or 0), times=times)
            )
        elif recorded:
            self.taken_summary.setText(
                _("Taken tonight: {dose} (in the night's diary).").format(dose=mg(recorded))
            )
        elif recorded == 0:
            self.taken_summary.setText(_("Recorded as none taken tonight."))
        else:
            self.taken_summary.setText(_("Not taken yet tonight."))
        # The amount the person really takes: the suggestion is a dose of whole units.
        self.taken_dose.set_value(suggestion.dose_mg)
        self.taken_time.setTime(QTime(now.hour, now.minute))
        self._on_taken_dose_changed()

    def show_trial(self, note: TrialNote | None) -> None:
        """After show_suggestion: the trial's line and button, and what "Record as taken"
        records in a blind trial (the box's dose, the same every night)."""
        self.trial_box.setVisible(note is not None)
        self.none_button.hide()
        if note is None:
            return
        self.trial_text.setText(html.escape(note.text))
        self.trial_button.setText(note.button)
        self.trial_button.setVisible(bool(note.button))
        self.none_button.setVisible(note.record_none and not self._read_only)
        if note.box_dose_mg:
            self.taken_box.show()
            self.taken_dose.set_value(note.box_dose_mg)
            self._on_taken_dose_changed()

    def _on_none_button_clicked(self) -> None:
        if self._suggestion is not None and not self._read_only:
            self.none_recorded.emit(self._suggestion.date)

    def _on_taken_dose_changed(self) -> None:
        problem = self.taken_dose.problem()
        empty = not self.taken_dose.text()
        self.taken_dose.set_hint(problem or "")
        self.taken_button.setEnabled(problem is None and not empty and not self._read_only)
        self.taken_button.setToolTip(
            _("This diary is read-only")
            if self._read_only
            else _("Add this amount to tonight's diary")
        )

    def _on_taken_button_clicked(self) -> None:
        if (
            self._read_only
            or self._suggestion is None
            or self.taken_dose.problem()
            or not self.taken_dose.text()
        ):
            return
        chosen = self.taken_time.time()
        try:
            intake = Intake(
                self._suggestion.date,
                time(chosen.hour(), chosen.minute()),
                self.taken_dose.value() or 0,
            )
        except InvalidRecord as error:
            self.taken_dose.set_hint(" ".join(why for _unused, why in error.problems))
            return
        self.intake_recorded.emit(intake)
