"""F1: how the guide works, in plain words, from the help file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from rlstracker.domain.language import _
from rlstracker.ui.sizing import fit_to_screen


class HelpDialog(QDialog):
    def __init__(self, help_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("How the guide works"))
        fit_to_screen(self, 720, 640)
        browser = QTextBrowser()
        browser.setHtml(help_html)
        browser.setAccessibleName(_("How the guide works"))
        QVBoxLayout(self).addWidget(browser)
