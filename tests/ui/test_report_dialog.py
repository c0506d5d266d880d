"""Printing and saving the report from the window, through the code the print dialog uses."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from rlstracker.ui.report_dialog import ReportDialog
from tests.ui.test_access import check_keyboard_and_names


def text_of(path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_print_goes_through_the_preview_to_a_printer(
    qtbot, demo_diary, window_for, dialogs, tmp_path
):
    window = window_for(demo_diary)
    printed = tmp_path / "printed.pdf"

    def print_to_pdf(parent, paint):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        paint(printer)  # what QPrintPreviewDialog's paintRequested does, and then prints

    dialogs.print_preview = print_to_pdf

    def use(dialog: ReportDialog) -> int:
        check_keyboard_and_names(dialog)
        dialog.name.setText("Jane Example")
        first = dialog.notes.item(0)
        assert first.checkState() == Qt.CheckState.Checked
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        return 0

    dialogs.on_dialog = use
    window.menus.report_action.trigger()
    pages, text = text_of(printed)
    assert 1 <= pages <= 3
    assert "Patient: Jane Example" in text
    assert "Dose steps" in text and "Symptoms at each dose" in text
    assert demo_diary.report_name() == "Jane Example"  # offered next time


def test_save_as_pdf_with_chosen_dates_and_notes(qtbot, demo_diary, window_for, dialogs, tmp_path):
    window = window_for(demo_diary)
    dialogs.file_answer = tmp_path / "visit"

    def use(dialog: ReportDialog) -> int:
        dialog.first.setDate(dialog.last.date().addDays(-30))
        for row in range(dialog.notes.count()):
            dialog.notes.item(row).setCheckState(Qt.CheckState.Unchecked)
        dialog.notes.item(0).setCheckState(Qt.CheckState.Checked)
        chosen = dialog.notes.item(0).text().split(": ", 1)[1]
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        assert dialog.saved_to == tmp_path / "visit.pdf"
        use.chosen = chosen
        return 0

    dialogs.on_dialog = use
    window.menus.report_action.trigger()
    _, text = text_of(tmp_path / "visit.pdf")
    assert use.chosen in text
    assert text.count("Glass of wine with dinner") <= 1
    assert ("Report saved", f"The report is in {tmp_path / 'visit.pdf'}.") in dialogs.infos


def test_a_reversed_date_range_cannot_be_printed(qtbot, demo_diary, window_for, dialogs):
    window = window_for(demo_diary)

    def use(dialog: ReportDialog) -> int:
        dialog.first.setDate(dialog.last.date().addDays(1))
        dialog.last.setDate(dialog.last.date().addDays(-10))
        assert not dialog.print_button.isEnabled() and not dialog.pdf_button.isEnabled()
        assert "after the last" in dialog.problem.text()
        return 0

    dialogs.on_dialog = use
    window.menus.report_action.trigger()


def test_the_print_preview_has_its_own_print_button_for_qts_print(qtbot):
    from PySide6.QtPrintSupport import QPrinter

    from rlstracker.ui.print_preview import PrintPreview

    preview = PrintPreview(QPrinter(QPrinter.PrinterMode.HighResolution))
    qtbot.addWidget(preview)
    preview.show()
    assert preview.print_action is not None  # Qt's own: printer choice, then printing
    assert preview.print_button.isVisible() and preview.print_button.isEnabled()
    screen = preview.screen().availableGeometry()
    assert preview.width() <= screen.width() and preview.height() <= screen.height()


def test_a_note_left_out_stays_out_when_the_dates_change(qtbot, demo_diary, window_for, dialogs):
    """Unticked for privacy, a note came back ticked as soon as a date was changed."""
    window = window_for(demo_diary)

    def use(dialog: ReportDialog) -> int:
        latest = dialog.notes.item(0)
        day = latest.data(Qt.ItemDataRole.UserRole)
        latest.setCheckState(Qt.CheckState.Unchecked)  # as a click on its box does
        dialog.first.setDate(dialog.first.date().addDays(-1))
        dialog.last.setDate(dialog.last.date().addDays(-1))
        dialog.last.setDate(dialog.last.date().addDays(1))
        assert day not in dialog.chosen_notes()
        again = [dialog.notes.item(r) for r in range(dialog.notes.count())]
        assert any(i.data(Qt.ItemDataRole.UserRole) == day for i in again)  # listed, unticked
        return 0

    dialogs.on_dialog = use
    window.menus.report_action.trigger()
