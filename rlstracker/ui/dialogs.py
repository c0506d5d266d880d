"""Modal questions and messages, behind one seam that tests replace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from rlstracker.domain.language import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


LONGEST_MESSAGE_LINES = 12


def message_box(
    icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str
) -> QMessageBox:
    """A message; a long one (a refused import's 50 problems) says its first paragraph and
    shows the rest in a box of its own that scrolls: whole, it was taller than the screen and
    its OK button out of reach."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    first, _gap, rest = text.partition("\n\n")
    if text.count("\n") + 1 > LONGEST_MESSAGE_LINES and rest:
        box.setText(first)
        box.setDetailedText(rest)
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
                button.click()  # the details shown at once, not behind "Show Details…"
    return box


class Dialogs:
    """The app's modal dialogs. Tests pass a subclass that answers without showing anything."""

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a dialog of the app's own and wait; tests fill it in and accept it instead."""
        return dialog.exec()

    def print_preview(
        self,
        parent: QWidget | None,
        paint: Callable[[QPrinter], None],
        title: str | None = None,
    ) -> None:
        """Qt's print preview, from which the person prints; `paint` lays the pages out on
        whatever printer they choose; `title` names what is printed (else the report). Tests
        give `paint` a printer that writes a PDF file."""
        from PySide6.QtPrintSupport import QPrinter

        from rlstracker.ui.print_preview import PrintPreview

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = PrintPreview(printer, parent, title)
        preview.paintRequested.connect(paint)
        preview.exec()

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        message_box(QMessageBox.Icon.Warning, parent, title, text).exec()

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        message_box(QMessageBox.Icon.Information, parent, title, text).exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_save(self, parent: QWidget | None, title: str, text: str) -> str:
        """Save, discard or cancel: "save", "discard" or "cancel"."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            parent, title, text, buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def ask_leave(
        self, parent: QWidget | None, title: str, text: str, stay: str, leave: str
    ) -> bool:
        """Stay or leave, with the buttons named for what they do: True to leave. Staying is
        the default button and what Escape chooses, so a key pressed twice loses nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        stay_button = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
        leave_button = box.addButton(leave, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay_button)
        box.setEscapeButton(stay_button)
        box.exec()
        return box.clickedButton() is leave_button

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
        return Path(name) if name else None

    def save_bytes(
        self,
        parent: QWidget | None,
        title: str,
        suggested: Path,
        filter_text: str,
        data: Callable[[], bytes],
    ) -> Path | None:
        """Ask where, add the suffix if it was left off, and write safely (temporary file,
        fsync, rename). Says what went wrong and returns None when nothing was written."""
        from rlstracker.files import write_atomically

        path = self.save_file(parent, title, suggested, filter_text)
        if path is None:
            return None
        if path.suffix.lower() != suggested.suffix:
            path = path.with_name(path.name + suggested.suffix)
        try:
            write_atomically(path, data())
        except OSError as error:
            self.warn(
                parent,
                _("Not saved"),
                _("{path} can't be written ({error}). Choose another folder.").format(
                    path=path, error=error.strerror
                ),
            )
            return None
        return path

    def open_file(self, parent: QWidget | None, title: str, filter_text: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filter_text)
        return Path(name) if name else None
