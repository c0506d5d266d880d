"""Record a clearance: "a clinician said I may take magnesium", dated, with a note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import _, number
from rlstracker.domain.models import RED_FLAG_LABELS, Night
from rlstracker.domain.safety import MAX_CLEARANCE_NOTE_CHARS
from rlstracker.domain.wording import full_day, joined
from rlstracker.ui.fields import from_qdate, to_qdate
from rlstracker.ui.safety_form import wrapped
from rlstracker.ui.theme import style_role


def _signs(night: Night) -> str:
    return joined(sorted(RED_FLAG_LABELS[f].lower() for f in night.red_flags))


class ClearanceDialog(QDialog):
    """Accepted with `chosen()` giving the date and the note."""

    def __init__(
        self,
        today: date,
        nights: Sequence[Night],
        concerns: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record a clearance"))
        self._nights = [n for n in nights if n.red_flags]
        intro = wrapped(
            _(
                "Record here that a clinician (your doctor, nurse or pharmacist) has told you "
                "that you may take magnesium. Record it only when they have really said so: the "
                "guide relies on it."
            )
        )
        self.date_edit = QDateEdit(to_qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(to_qdate(today))
        # Translators: a Qt date format (d: the day, MMMM: the month's name, yyyy: the year);
        # order it as your language writes a date, such as "d. MMMM yyyy".
        self.date_edit.setDisplayFormat(_("d MMMM yyyy"))
        self.date_edit.setAccessibleName(_("When the clinician said so"))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("Who said it, and anything they added (optional)"))
        self.note.setMaximumHeight(90)
        self.covers = wrapped()
        self.concerns = wrapped(
            _("It also covers your safety answers: {answers}.").format(
                answers=joined(list(concerns))
            )
            if concerns
            else ""
        )
        self.concerns.setVisible(bool(concerns))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        style_role(self.problem, "formProblem")
        form = QFormLayout()
        form.addRow(_("&When they said so:"), self.date_edit)
        form.addRow(_("&Note:"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.covers)
        layout.addWidget(self.concerns)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.date_edit.dateChanged.connect(self._refresh)
        self.note.textChanged.connect(self._refresh)
        self._refresh()

    def chosen(self) -> tuple[date, str]:
        return from_qdate(self.date_edit.date()), self.note.toPlainText().strip()

    def _refresh(self, *_args: object) -> None:
        day, note = self.chosen()
        covered = [n for n in self._nights if n.date < day]
        later = [n for n in self._nights if n.date >= day]
        lines = []
        if covered:
            signs = "; ".join(f"{full_day(n.date)} ({_signs(n)})" for n in covered[-5:])
            lines.append(
                _("It covers the warning signs recorded before that date: {signs}.").format(
                    signs=signs
                )
            )
        if later:
            lines.append(
                _("Warning signs recorded on or after that date are not covered: {days}.").format(
                    days=", ".join(full_day(n.date) for n in later)
                )
            )
        self.covers.setText(" ".join(lines))
        self.covers.setVisible(bool(lines))
        too_long = len(note) > MAX_CLEARANCE_NOTE_CHARS
        self.problem.setText(
            _("The note can be at most {most} characters.").format(
                most=number(MAX_CLEARANCE_NOTE_CHARS, grouped=True)
            )
            if too_long
            else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not too_long)
