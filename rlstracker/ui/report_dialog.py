"""The doctor-visit report: choose the dates, a name and the notes; print it or save a PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import _, pgettext
from rlstracker.domain.models import Night
from rlstracker.report.content import NOTES_SHOWN, ReportContent, day_text
from rlstracker.report.render import page_size_for, render_report, report_pdf
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.fields import SettledDate, from_qdate, to_qdate
from rlstracker.ui.sizing import fit_to_screen
from rlstracker.ui.theme import style_role

ContentFor = Callable[[date, date, str, list[date]], ReportContent]


class ReportDialog(QDialog):
    """`content_for(first, last, name, chosen_note_dates)` builds the report; this dialog only
    chooses and hands it to the printer or the PDF file."""

    def __init__(
        self,
        nights: list[Night],
        today: date,
        name: str,
        content_for: ContentFor,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Report for your doctor"))
        fit_to_screen(self, 680, 600)
        self._nights = nights
        self._today = today
        self._content_for = content_for
        self._dialogs = dialogs
        self.saved_to: Path | None = None

        first_night = nights[0].date if nights else today
        self.first = QDateEdit(to_qdate(max(first_night, today - timedelta(days=91))))
        self.last = QDateEdit(to_qdate(today))
        for edit, label in ((self.first, _("Report from")), (self.last, _("Report to"))):
            edit.setCalendarPopup(True)
            # Translators: a Qt date format (d: the day, MMM: the month's short name, yyyy: the
            # year); order it as your language writes a date, such as "d. MMM yyyy".
            edit.setDisplayFormat(_("d MMM yyyy"))
            edit.setDateRange(to_qdate(min(first_night, today)), to_qdate(today))
            edit.setAccessibleName(label)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText(_("Leave empty to keep the report anonymous"))
        self.name.setAccessibleName(_("Your name on the report"))
        self.paper = QComboBox()
        self.paper.setAccessibleName(_("Paper size for the PDF"))
        self.paper.addItem("A4", QPageSize.PageSizeId.A4)
        # Translators: the US paper size (8.5 × 11 inches), as your language names it.
        self.paper.addItem(pgettext("paper size", "Letter"), QPageSize.PageSizeId.Letter)
        default = page_size_for(self.locale()).id()
        self.paper.setCurrentIndex(self.paper.findData(default))
        self.notes = QListWidget()
        self.notes.setAccessibleName(_("Notes to include"))
        self.problem = QLabel()
        style_role(self.problem, "formProblem")
        self.problem.setWordWrap(True)

        self.print_button = QPushButton(_("&Print…"))
        self.pdf_button = QPushButton(_("Save as P&DF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)

        dates = QHBoxLayout()
        dates.addWidget(self.first)
        dates.addWidget(QLabel(pgettext("dates", "to")))
        dates.addWidget(self.last)
        dates.addStretch(1)
        form = QFormLayout()
        nights_from = QLabel(_("&Nights from:"))
        nights_from.setBuddy(self.first)
        form.addRow(nights_from, dates)
        form.addRow(_("Your na&me:"), self.name)
        form.addRow(_("PDF p&aper:"), self.paper)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "A short report your doctor can read in two minutes: what you took, how it went, "
                "and any side effects. Tick the notes you want to include."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        notes_label = QLabel(_("N&otes to include:"))
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self._ticked: dict[date, bool] = {}  # the notes the person ticked or unticked
        self.notes.itemChanged.connect(self._on_notes_item_changed)
        self._settled = [SettledDate(edit) for edit in (self.first, self.last)]
        for settled in self._settled:
            settled.changed.connect(self._refresh_notes)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self._refresh_notes()

    def dates(self) -> tuple[date, date]:
        return from_qdate(self.first.date()), from_qdate(self.last.date())

    def chosen_notes(self) -> list[date]:
        return [
            self.notes.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.notes.count())
            if self.notes.item(row).checkState() == Qt.CheckState.Checked
        ]

    def content(self) -> ReportContent:
        first, last = self.dates()
        return self._content_for(first, last, self.name.text(), self.chosen_notes())

    def _refresh_notes(self) -> None:
        first, last = self.dates()
        valid = first <= last
        self.problem.setText("" if valid else _("The first date is after the last one."))
        self.print_button.setEnabled(valid)
        self.pdf_button.setEnabled(valid)
        self.notes.blockSignals(True)  # filling the list is not the person ticking
        self.notes.clear()
        with_notes = [n for n in self._nights if first <= n.date <= last and n.notes.strip()]
        for index, night in enumerate(reversed(with_notes)):
            text = night.notes.strip().replace("\n", " ")
            item = QListWidgetItem(f"{day_text(night.date)}: {text[:120]}")
            item.setData(Qt.ItemDataRole.UserRole, night.date)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # A note the person ticked or unticked stays so when the dates change (a note
            # left out for privacy must not come back); the others: the latest ones.
            ticked = self._ticked.get(night.date, index < NOTES_SHOWN)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.notes.addItem(item)
        self.notes.blockSignals(False)

    def _on_notes_item_changed(self, item: QListWidgetItem) -> None:
        day = item.data(Qt.ItemDataRole.UserRole)
        self._ticked[day] = item.checkState() == Qt.CheckState.Checked

    def paint(self, printer: QPrinter) -> None:
        """Lay the report out on `printer`: the preview, a real printer, or a PDF printer."""
        render_report(printer, self.content())

    def _on_print_button_clicked(self) -> None:
        self._dialogs.print_preview(self, self.paint)

    def _on_pdf_button_clicked(self) -> None:
        first, last = self.dates()
        path = self._dialogs.save_bytes(  # not user text: the suggested file name
            self,
            _("Save the report"),
            Path.home() / f"rls-report-{first.isoformat()}-to-{last.isoformat()}.pdf",
            "PDF (*.pdf)",
            lambda: report_pdf(self.content(), QPageSize(self.paper.currentData()))[0],
        )
        if path is not None:
            self.saved_to = path
            self._dialogs.inform(
                self, _("Report saved"), _("The report is in {path}.").format(path=path)
            )
