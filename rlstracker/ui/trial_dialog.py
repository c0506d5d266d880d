"""Set up a personal trial: the design, fixed before it begins, in plain words."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain import language
from rlstracker.domain.language import _, pgettext
from rlstracker.domain.trial import TrialDesign, TrialOffer
from rlstracker.domain.trial import design as limits
from rlstracker.domain.trial.result import CHANCE_EACH_WAY
from rlstracker.domain.wording import full_day, mg
from rlstracker.ui.fields import scrolled
from rlstracker.ui.safety_form import wrapped
from rlstracker.ui.sizing import fit_to_screen
from rlstracker.ui.wrapped_check_box import WrappedCheckBox


class TrialDialog(QDialog):
    """Accepted with `design()` giving the trial's design."""

    def __init__(self, offer: TrialOffer, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert offer.dose_mg is not None
        self.setWindowTitle(_("Find out whether magnesium helps you"))
        fit_to_screen(self, 640, 620)
        self._today = today
        self._offer = offer
        intro = wrapped(
            _(
                "Symptoms of restless legs come and go, and feeling better after starting "
                "anything is common, so a diary that only goes up in dose can't tell whether "
                "magnesium is what helps you. A personal trial can: for a few weeks you take "
                "magnesium in some and none in others, in an order the app draws at random, and "
                "rate your symptoms each evening as usual. At the end the app compares them."
            )
        )
        if offer.units_text:
            # Translators: {units} is the dose in the product's units, e.g. '2 capsules'.
            dose = _(
                "<b>On magnesium:</b> {dose} ({units}), the dose that suits you. <b>Off:</b> none."
            ).format(dose=mg(offer.dose_mg), units=offer.units_text)
        else:
            dose = _("<b>On magnesium:</b> {dose}, the dose that suits you. <b>Off:</b> none.")
            dose = dose.format(dose=mg(offer.dose_mg))
        self.dose = wrapped(dose)
        self.pairs = QSpinBox()
        self.pairs.setRange(limits.PAIRS_MIN, limits.PAIRS_MAX)
        self.pairs.setValue(limits.PAIRS_DEFAULT)
        self.pairs.setAccessibleName(_("Pairs of periods"))
        self.nights = QSpinBox()
        self.nights.setRange(limits.PERIOD_NIGHTS_MIN, limits.PERIOD_NIGHTS_MAX)
        self.nights.setValue(limits.PERIOD_NIGHTS_DEFAULT)
        self.nights.setSuffix(" " + pgettext("after a number", "nights"))
        self.nights.setAccessibleName(_("Nights in a period"))
        self.difference = QDoubleSpinBox()
        self.difference.setRange(limits.MIN_DIFFERENCE_MIN, limits.MIN_DIFFERENCE_MAX)
        self.difference.setSingleStep(0.5)
        self.difference.setDecimals(1)
        self.difference.setValue(limits.MIN_DIFFERENCE_DEFAULT)
        # Translators: points of the 0-10 symptom scale.
        self.difference.setSuffix(" " + pgettext("after a number", "points"))
        self.difference.setAccessibleName(_("A difference that would matter to you"))
        self.blind = WrappedCheckBox(_("&Blind: someone fills a pill box for me"))
        self.blind.setToolTip(
            _(
                "A helper fills a weekly pill box with magnesium or look-alike capsules, as a "
                "printed sheet tells them. You see only 'take tonight's capsules from the box' "
                "until the end."
            )
        )
        form = QFormLayout()
        # A field goes under its label where both don't fit side by side (German, large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Pairs of periods:"), self.pairs)
        form.addRow(_("&Each period:"), self.nights)
        form.addRow(_("A difference that would &matter to you:"), self.difference)
        form.addRow("", self.blind)
        self.summary = wrapped()
        honest = wrapped(
            _(
                "The guide's safety rules still come first: a warning sign or a side effect "
                "pauses the trial, and the app says why. A small trial that you rate yourself can "
                "suggest whether magnesium helps you; it can't prove it."
            )
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Start the trial"))
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

    def _refresh(self, *changed: object) -> None:
        design = self.design()
        start = self.first_night(False)
        end = start + timedelta(days=design.planned_nights - 1)
        # Always 3 pairs or more and 36 nights or more: the counts are plural in every language.
        # 7-night periods are weeks (as design.period_word says), each its own sentence.
        if design.period_nights == 7:
            periods = _(
                "<b>{nights} nights</b>: {pairs} pairs of weeks, each pair one week on magnesium "
                "and one without, in an order drawn at random."
            )
        else:
            periods = _(
                "<b>{nights} nights</b>: {pairs} pairs of periods, each pair one period on "
                "magnesium and one without, in an order drawn at random."
            )
        if design.blind:
            when = _("It begins tomorrow evening and, if every night is recorded, ends on {day}.")
        else:
            when = _("It begins tonight and, if every night is recorded, ends on {day}.")
        lines = [
            periods.format(nights=design.planned_nights, pairs=design.pairs)
            + " "
            + when.format(day=full_day(end)),
            _(
                "The first 3 nights of each period are left out (a change takes a few nights to "
                "show). The app lengthens a period that has fewer than 3 nights it can count."
            ),
            # Translators: {orders} is 8: chance alone gives so clear a result in 1 of 8 orders.
            _(
                "Decided now, before it begins: <b>better on magnesium</b> if your symptoms are "
                "lower on magnesium by {points} points or more on average and chance alone "
                "would give so clear a result in at most 1 of {orders} orders; <b>worse</b> the "
                "other way round; otherwise <b>no clear difference</b>."
            ).format(
                points=language.number(design.min_difference),
                orders=round(1 / CHANCE_EACH_WAY),
            ),
        ]
        if design.pairs == limits.PAIRS_MIN:
            lines.append(
                _(
                    "With 3 pairs, only a difference in the same direction in every pair can "
                    "give a verdict; with 4 pairs or more, one pair that goes a little the other "
                    "way still can."
                )
            )
        if design.blind:
            lines.append(
                _(
                    "Blind: after you start, print the helper's sheet (Magnesium trial menu) and "
                    "give it to your helper without reading it."
                )
            )
        self.summary.setText("<br><br>".join(lines))
