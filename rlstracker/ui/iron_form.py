"""Iron results: ferritin and transferrin saturation from a blood test, with its date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from rlstracker.domain.iron import IronResult, iron_result_problems
from rlstracker.domain.language import _, number
from rlstracker.domain.models import InvalidRecord
from rlstracker.domain.wording import full_day
from rlstracker.ui.fields import from_qdate, to_qdate
from rlstracker.ui.theme import style_role


def _number(text: str) -> float | str | None:
    """A number typed with a point or a comma; None when empty; the text when not a number."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


class IronForm(QWidget):
    """One result, both values optional; the results already recorded listed above it."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(
            _(
                "Iron matters more than magnesium in restless legs: guidelines ask for a blood "
                "test of ferritin and transferrin saturation in everyone with RLS. Ask your "
                "clinician for both. If you know a result, record it here for Tonight and your "
                "report."
            )
        )
        self.intro.setWordWrap(True)
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.test_date = QDateEdit(to_qdate(today))
        self.test_date.setCalendarPopup(True)
        self.test_date.setMaximumDate(to_qdate(today))
        # Translators: a Qt date format (d: the day, MMM: the month's short name, yyyy: the
        # year); order it as your language writes a date, such as "d. MMM yyyy".
        self.test_date.setDisplayFormat(_("d MMM yyyy"))
        self.test_date.setAccessibleName(_("Blood test date"))
        self.ferritin = QLineEdit()
        self.ferritin.setPlaceholderText(_("e.g. 48"))
        self.ferritin.setAccessibleName(_("Ferritin, ng/mL"))
        self.saturation = QLineEdit()
        self.saturation.setPlaceholderText(_("e.g. 22"))
        self.saturation.setAccessibleName(_("Transferrin saturation, %"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        style_role(self.problem, "formProblem")
        layout = QFormLayout(self)
        layout.addRow(self.intro)
        layout.addRow(self.recorded)
        layout.addRow(_("Blood &test date:"), self.test_date)
        layout.addRow(_("Fe&rritin (ng/mL):"), self.ferritin)
        layout.addRow(_("Transferrin s&aturation (%):"), self.saturation)
        layout.addRow(self.problem)
        self.ferritin.textChanged.connect(self._refresh)
        self.saturation.textChanged.connect(self._refresh)
        self.set_recorded([])

    def set_recorded(self, results: Sequence[IronResult]) -> None:
        lines = []
        for r in sorted(results, key=lambda r: r.date):
            parts = []
            if r.ferritin_ng_per_ml is not None:
                value = number(r.ferritin_ng_per_ml)
                parts.append(_("ferritin {value} ng/mL").format(value=value))
            if r.saturation_percent is not None:
                value = number(r.saturation_percent)
                parts.append(_("saturation {value} %").format(value=value))
            # Translators: one blood test in "Recorded: 3 Nov 2026: ferritin 48 ng/mL, ...".
            line = _("{date}: {results}").format(date=full_day(r.date), results=", ".join(parts))
            lines.append(line)
        self.recorded.setText(
            _("Recorded: {results}.").format(results="; ".join(lines)) if lines else ""
        )
        self.recorded.setVisible(bool(lines))

    def result(self) -> IronResult | None:
        """The result typed in, or None when both are empty. Raises InvalidRecord."""
        ferritin = _number(self.ferritin.text())
        saturation = _number(self.saturation.text())
        if ferritin is None and saturation is None:
            return None
        problems = []
        if isinstance(ferritin, str):
            problems.append(("ferritin_ng_per_ml", _("Type the ferritin as a number, such as 48.")))
        if isinstance(saturation, str):
            problems.append(
                ("saturation_percent", _("Type the saturation as a number, such as 22."))
            )
        if problems:
            raise InvalidRecord(problems)
        assert not isinstance(ferritin, str) and not isinstance(saturation, str)
        problems = iron_result_problems(ferritin, saturation)
        if problems:
            raise InvalidRecord([(name, why[0].upper() + why[1:] + ".") for name, why in problems])
        return IronResult(from_qdate(self.test_date.date()), ferritin, saturation)

    def problems(self) -> list[str]:
        try:
            self.result()
        except InvalidRecord as error:
            return [why for _unused, why in error.problems]
        return []

    def _refresh(self) -> None:
        self.problem.setText(" ".join(self.problems()))
        self.changed.emit()
