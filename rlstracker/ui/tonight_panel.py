"""Tonight: the suggested dose in big plain words, its reasons, and "Taken"."""

from __future__ import annotations

import html
from datetime import date, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.models import Intake, InvalidRecord
from rlstracker.domain.safety import DISCLAIMER
from rlstracker.domain.titration import ACTION_TITLES, Action, Suggestion
from rlstracker.ui.fields import DoseField
from rlstracker.ui.theme import scaled, style_role


def bullets(lines: tuple[str, ...] | list[str]) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"<ul style='margin-left:-20px'>{items}</ul>"


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class TonightPanel(QWidget):
    """Shows a Suggestion; emits `intake_recorded` when the person records a dose as taken."""

    intake_recorded = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestion: Suggestion | None = None

        self.banner = QFrame()
        style_role(self.banner, "seekHelpBanner")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setFont(scaled(self.font(), 1.25, bold=True))
        QVBoxLayout(self.banner).addWidget(self.banner_text)
        self.banner.hide()

        self.date_label = QLabel()
        self.title = QLabel()
        style_role(self.title, "actionTitle")
        self.title.setFont(scaled(self.font(), 1.6, bold=True))
        self.title.setWordWrap(True)
        self.dose_label = QLabel()
        self.dose_label.setFont(scaled(self.font(), 2.0, bold=True))
        self.dose_label.setWordWrap(True)
        self.units_label = QLabel()
        self.units_label.setFont(scaled(self.font(), 1.2))
        self.units_label.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.review = QLabel()
        self.review.setWordWrap(True)
        style_role(self.review, "seekHelp")
        self.advice = QLabel()
        self.advice.setWordWrap(True)

        self.taken_dose = DoseField("Amount taken, mg elemental")
        style_role(self.taken_dose.hint, "formProblem")
        self.taken_time = QTimeEdit()
        self.taken_time.setDisplayFormat("HH:mm")
        self.taken_time.setAccessibleName("Time taken")
        self.taken_button = QPushButton("Record as &taken")
        self.taken_button.setToolTip("Add this amount to tonight's diary")
        self.taken_summary = QLabel()
        self.taken_summary.setWordWrap(True)
        taken_row = QHBoxLayout()
        taken_row.addWidget(QLabel("Amount:"))
        taken_row.addWidget(self.taken_dose, 2)
        taken_row.addWidget(QLabel("at"))
        taken_row.addWidget(self.taken_time)
        taken_row.addWidget(self.taken_button)
        self.taken_box = QFrame()
        self.taken_box.setFrameShape(QFrame.Shape.StyledPanel)
        taken_layout = QVBoxLayout(self.taken_box)
        taken_layout.addLayout(taken_row)
        taken_layout.addWidget(self.taken_summary)

        disclaimer = QLabel(DISCLAIMER)
        disclaimer.setWordWrap(True)
        disclaimer.setFont(scaled(self.font(), 0.85))

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.date_label)
        layout.addWidget(self.title)
        layout.addWidget(self.dose_label)
        layout.addWidget(self.units_label)
        why = QLabel("<b>Why</b>")
        layout.addWidget(why)
        layout.addWidget(self.reasons)
        layout.addWidget(self.review)
        self.advice_heading = QLabel("<b>Remember</b>")
        layout.addWidget(self.advice_heading)
        layout.addWidget(self.advice)
        layout.addWidget(self.taken_box)
        layout.addStretch(1)
        layout.addWidget(disclaimer)

        self.taken_button.clicked.connect(self._on_taken_button_clicked)
        self.taken_dose.changed.connect(self._on_taken_dose_changed)

    def show_suggestion(self, suggestion: Suggestion, taken: list[Intake], now: time) -> None:
        self._suggestion = suggestion
        action = suggestion.action
        self.date_label.setText(f"Tonight, {long_date(suggestion.date)}")
        self.title.setText(
            "Stop, and get medical help" if suggestion.seek_help else ACTION_TITLES[action]
        )
        if suggestion.dose_mg:
            self.dose_label.setText(f"{suggestion.dose_mg:g} mg of magnesium")
        elif action is Action.CONSULT:
            self.dose_label.setText("No dose suggested")
        else:
            self.dose_label.setText("No magnesium tonight")
        self.units_label.setText(suggestion.units_text or "")
        self.units_label.setVisible(bool(suggestion.units_text))
        self.reasons.setText(bullets(suggestion.reasons))
        self.review.setText(
            "<b>Review:</b> talk to your clinician about whether to go on."
            if suggestion.review
            else ""
        )
        self.review.setVisible(suggestion.review)
        self.advice.setText(bullets(suggestion.advice) if suggestion.advice else "")
        self.advice.setVisible(bool(suggestion.advice))
        self.advice_heading.setVisible(bool(suggestion.advice))
        stopping = action is Action.STOP
        if suggestion.seek_help:
            self.banner_text.setText("⚠ Warning signs recorded. " + suggestion.reasons[-1])
        elif stopping:
            self.banner_text.setText("⚠ " + suggestion.reasons[0])
        self.banner.setVisible(suggestion.seek_help or stopping)
        self.taken_box.setVisible(bool(suggestion.dose_mg))
        total = sum(i.dose_mg for i in taken)
        if taken:
            times = ", ".join(f"{i.taken_at:%H:%M} ({i.dose_mg:g} mg)" for i in taken)
            self.taken_summary.setText(f"Taken tonight: {total:g} mg — {times}.")
        else:
            self.taken_summary.setText("Not taken yet tonight.")
        remaining = (suggestion.dose_mg or 0) - total
        self.taken_dose.set_value(remaining if remaining > 0 else suggestion.dose_mg)
        self.taken_time.setTime(QTime(now.hour, now.minute))
        self._on_taken_dose_changed()

    def _on_taken_dose_changed(self) -> None:
        problem = self.taken_dose.problem()
        empty = not self.taken_dose.text()
        self.taken_dose.hint.setText(problem or "")
        self.taken_button.setEnabled(problem is None and not empty)

    def _on_taken_button_clicked(self) -> None:
        if self._suggestion is None or self.taken_dose.problem() or not self.taken_dose.text():
            return
        chosen = self.taken_time.time()
        try:
            intake = Intake(
                self._suggestion.date,
                time(chosen.hour(), chosen.minute()),
                self.taken_dose.value() or 0,
            )
        except InvalidRecord as error:
            self.taken_dose.hint.setText(" ".join(why for _, why in error.problems))
            return
        self.intake_recorded.emit(intake)
