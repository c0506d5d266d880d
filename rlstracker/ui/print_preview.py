"""Qt's print preview, sized for the screen it opens on, with Print… and Close always in reach.

At 1024×600 Qt's toolbar is wider than the dialog, and its Print action ends up behind the »
of the toolbar's overflow, where few people look. The same action, as a button of its own
under the pages, is always there.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from rlstracker.domain.language import _
from rlstracker.ui.sizing import fit_to_screen


class PrintPreview(QPrintPreviewDialog):
    def __init__(
        self, printer: QPrinter, parent: QWidget | None = None, title: str | None = None
    ) -> None:
        super().__init__(printer, parent)
        self._printer = printer  # Qt keeps only a pointer: the printer lives as long as this
        self.setWindowTitle(title or _("Print the report"))
        fit_to_screen(self, 1000, 900)
        # Qt's own Print action: it asks for the printer (or, without one, a PDF file name)
        # and prints what the preview shows. It has no object name; its text is Qt's own, in
        # the language of Qt's translations installed (rlstracker.ui.qt_language).
        qt_print = QCoreApplication.translate("QPrintPreviewDialog", "Print")  # not user text
        self.print_action: QAction | None = next(  # not user text: Qt's own "Print"
            (
                a
                for a in self.findChildren(QAction)
                if a.text().replace("&", "") in (qt_print, "Print")
            ),
            None,
        )
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        if self.print_action is not None:
            self.print_button.clicked.connect(self.print_action.trigger)
        else:  # a Qt that renamed it: the toolbar's own button is all there is
            self.print_button.hide()
        layout = self.layout()
        assert layout is not None
        layout.addWidget(buttons)
