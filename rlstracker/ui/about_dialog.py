"""About RLS Tracker: the version, the licence, where the diary and the log are, the versions
under it; and the licence texts of RLS Tracker and of the software it uses."""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rlstracker import APP_NAME, __version__
from rlstracker.domain.language import _
from rlstracker.domain.safety import DISCLAIMER
from rlstracker.locations import resource
from rlstracker.ui.fields import scrolled
from rlstracker.ui.sizing import MARGIN_PX, fit_to_screen

LICENCE = "GPL-3.0-or-later"  # not user text: an SPDX id
LICENCE_FILE = "licenses/GPL-3.0.txt"
NOTICES_FILE = "licenses/THIRD-PARTY-NOTICES.txt"  # not user text: a file name
PREFERRED_WIDTH_PX = 680  # wide rather than tall: most screens are short


def open_in_file_manager(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def versions_text() -> str:
    import PySide6

    return (  # not user text: names and versions
        f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · "
        f"Qt {qVersion()} · {platform.system()} {platform.release()}"
    )


class AboutDialog(QDialog):
    def __init__(
        self,
        data_folder: Path,
        log_folder: Path | None,
        open_folder: Callable[[Path], bool] = open_in_file_manager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self._open_folder = open_folder
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        title.setAccessibleName(f"{APP_NAME} {__version__}")
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(title, 1)
        summary = QLabel(
            f"<p>{_(DISCLAIMER)}</p>"
            + _(
                "<p>Free software: you may use, share and change it under the GNU General "
                "Public License, version 3 or any later version ({licence}). It comes with no "
                "warranty. It uses Qt for Python (PySide6, under the LGPL-3.0), matplotlib, "
                "NumPy and other software, each under its own licence.</p>"
            ).format(licence=LICENCE)
        )
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.data_label = self._path_label(data_folder)
        self.open_data_button = QPushButton(_("Open &data folder"))
        self.open_data_button.clicked.connect(lambda: self._on_open_clicked(data_folder))
        places = QFormLayout()
        places.addRow(_("Your diary:"), self._with_button(self.data_label, self.open_data_button))
        self.log_label = self._path_label(log_folder)
        self.open_log_button = QPushButton(_("Open &log folder"))
        self.open_log_button.setEnabled(log_folder is not None)
        if log_folder is not None:
            self.open_log_button.clicked.connect(lambda: self._on_open_clicked(log_folder))
        places.addRow(_("The log:"), self._with_button(self.log_label, self.open_log_button))
        self.versions_label = QLabel(versions_text())
        self.versions_label.setWordWrap(True)
        self.versions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        places.addRow(_("Running on:"), self.versions_label)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        self.licences_button = QPushButton(_("Li&cences…"))
        self.about_qt_button = QPushButton(_("About &Qt"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.licences_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.about_qt_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.licences_button.clicked.connect(self._on_licences_button_clicked)
        self.about_qt_button.clicked.connect(self._on_about_qt_button_clicked)

        # The words and the folders scroll between the title and the buttons: with the largest
        # text on a small screen they are taller than the screen, and nothing may be cut off.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(summary)
        body_layout.addLayout(places)
        body_layout.addWidget(self.problem_label)
        body_layout.addStretch(1)
        self.body = scrolled(body)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        self._fit(layout, header, body, buttons)
        self.licences: LicencesDialog | None = None

    def _fit(
        self, layout: QVBoxLayout, header: QHBoxLayout, body: QWidget, buttons: QWidget
    ) -> None:
        """Tall enough to show everything at the text size in use, wide rather than tall, and
        never larger than the screen's room (then the middle scrolls)."""
        margins = layout.contentsMargins()
        spacing = max(layout.spacing(), 0)
        width = PREFERRED_WIDTH_PX
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            width = min(width, screen.availableGeometry().width() - MARGIN_PX)
        inner = width - margins.left() - margins.right()
        height = (
            margins.top()
            + header.sizeHint().height()
            + spacing
            + body.heightForWidth(inner)
            + spacing
            + buttons.sizeHint().height()
            + margins.bottom()
        )
        fit_to_screen(self, width, height)

    @staticmethod
    def _path_label(folder: Path | None) -> QLabel:
        label = QLabel(
            str(folder) if folder is not None else _("none: its folder can't be written")
        )
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _with_button(label: QLabel, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _on_open_clicked(self, folder: Path) -> None:
        if not self._open_folder(folder):
            self.problem_label.setText(
                _(
                    "The folder could not be opened here. It is {folder}: open it from your "
                    "file manager."
                ).format(folder=folder)
            )
            self.problem_label.show()

    def _on_licences_button_clicked(self) -> None:
        self.licences = LicencesDialog(self)
        self.licences.show()

    def _on_about_qt_button_clicked(self) -> None:
        QApplication.aboutQt()


class LicencesDialog(QDialog):
    """RLS Tracker's licence, and the notices of the software it uses and ships."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Licences"))
        self.resize(760, 520)  # fits a 1024×600 screen
        self.tabs = QTabWidget()
        for title, name in (
            (f"{APP_NAME} ({LICENCE})", LICENCE_FILE),
            (_("Software it uses"), NOTICES_FILE),
        ):
            text = QPlainTextEdit()
            text.setReadOnly(True)
            text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            text.setAccessibleName(title)
            try:
                text.setPlainText(resource(name).read_text(encoding="utf-8"))
            except OSError as error:
                text.setPlainText(
                    _("{name} is missing ({error}); reinstall the app.").format(
                        name=name, error=error.strerror
                    )
                )
            self.tabs.addTab(text, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
