"""Set up a personal trial: the design, fixed before it begins, in plain words."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.trial import TrialDesign, TrialOffer
from rlstracker.domain.trial import design as limits
from rlstracker.domain.trial.result import CHANCE_EACH_WAY
from rlstracker.domain.wording import full_day, mg
from rlstracker.ui.fields import scrolled
from rlstracker.ui.safety_form import wrapped
from rlstracker.ui.sizing import fit_to_screen


class TrialDialog(QDialog):
    """Accepted with `design()` giving the trial's design."""

    def __init__(self, offer: TrialOffer, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert offer.dose_mg is not None
        self.setWindowTitle("Find out whether magnesium helps you")
        fit_to_screen(self, 640, 620)
        self._today = today
        self._offer = offer
        dose = mg(offer.dose_mg) + (f" ({offer.units_text})" if offer.units_text else "")
        intro = wrapped(
            "Symptoms of restless legs come and go, and feeling better after starting anything "
            "is common, so a diary that only goes up in dose can't tell whether magnesium is "
            "what helps you. A personal trial can: for a few weeks you take magnesium in some "
            "and none in others, in an order the app draws at random, and rate your symptoms "
            "each evening as usual. At the end the app compares them."
        )
        self.dose = wrapped(
            f"<b>On magnesium:</b> {dose}, the dose that suits you. <b>Off:</b> none."
        )
        self.pairs = QSpinBox()
        self.pairs.setRange(limits.PAIRS_MIN, limits.PAIRS_MAX)
        self.pairs.setValue(limits.PAIRS_DEFAULT)
        self.pairs.setAccessibleName("Pairs of periods")
        self.nights = QSpinBox()
        self.nights.setRange(limits.PERIOD_NIGHTS_MIN, limits.PERIOD_NIGHTS_MAX)
        self.nights.setValue(limits.PERIOD_NIGHTS_DEFAULT)
        self.nights.setSuffix(" nights")
        self.nights.setAccessibleName("Nights in a period")
        self.difference = QDoubleSpinBox()
        self.difference.setRange(limits.MIN_DIFFERENCE_MIN, limits.MIN_DIFFERENCE_MAX)
        self.difference.setSingleStep(0.5)
        self.difference.setDecimals(1)
        self.difference.setValue(limits.MIN_DIFFERENCE_DEFAULT)
        self.difference.setSuffix(" points")
        self.difference.setAccessibleName("A difference that would matter to you")
        self.blind = QCheckBox("&Blind: someone fills a pill box for me")
        self.blind.setToolTip(
            "A helper fills a weekly pill box with magnesium or look-alike capsules, as a "
            "printed sheet tells them. You see only 'take tonight's capsules from the box' "
            "until the end."
        )
        form = QFormLayout()
        form.addRow("&Pairs of periods:", self.pairs)
        form.addRow("&Each period:", self.nights)
        form.addRow("A difference that would &matter to you:", self.difference)
        form.addRow("", self.blind)
        self.summary = wrapped()
        honest = wrapped(
            "The guide's safety rules still come first: a warning sign or a side effect pauses "
            "the trial, and the app says why. A small test that you rate yourself can suggest "
            "whether magnesium helps you; it can't prove it."
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start the trial")
        # The explanation scrolls, the buttons stay: it is taller than a 1024×600 screen, and
        # longer still in German.
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        for widget in (intro, self.dose):
            content.addWidget(widget)
        content.addLayout(form)
        content.addWidget(self.summary)
        content.addWidget(honest)
        content.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for spin in (self.pairs, self.nights):
            spin.valueChanged.connect(self._refresh)
        self.difference.valueChanged.connect(self._refresh)
        self.blind.toggled.connect(self._refresh)
        self._refresh()

    def design(self) -> TrialDesign:
        return TrialDesign(
            self.pairs.value(),
            self.nights.value(),
            round(self.difference.value(), 1),
            self.blind.isChecked(),
        )

    def first_night(self, dose_recorded_tonight: bool) -> date:
        """Tonight, unless tonight's dose is already taken or a helper must fill the box."""
        later = self.blind.isChecked() or dose_recorded_tonight
        return self._today + timedelta(days=1) if later else self._today

    def _refresh(self, *_: object) -> None:
        design = self.design()
        start = self.first_night(False)
        end = start + timedelta(days=design.planned_nights - 1)
        word = design.period_word
        when = "tomorrow evening" if design.blind else "tonight"
        lines = [
            f"<b>{design.planned_nights} nights</b>: {design.pairs} pairs of {word}s, each pair "
            f"one {word} on magnesium and one without, in an order drawn at random. It begins "
            f"{when} and, if every night is recorded, ends on {full_day(end)}.",
            "The first 3 nights of each period are left out (a change takes a few nights to "
            "show). The app lengthens a period that has fewer than 3 nights it can count.",
            f"Decided now, before it begins: <b>better on magnesium</b> if your symptoms are "
            f"lower on magnesium by {design.min_difference:g} points or more on average and "
            f"chance alone would give so clear a result in at most 1 of "
            f"{round(1 / CHANCE_EACH_WAY)} orders; <b>worse</b> the other way round; otherwise "
            "<b>no clear difference</b>.",
        ]
        if design.pairs == limits.PAIRS_MIN:
            lines.append(
                "With 3 pairs, only a difference in the same direction in every pair can give "
                "a verdict; with 4 pairs or more, one pair that goes a little the other way "
                "still can."
            )
        if design.blind:
            lines.append(
                "Blind: after you start, print the helper's sheet (Magnesium trial menu) and give "
                "it to "
                "your helper without reading it."
            )
        self.summary.setText("<br><br>".join(lines))
