"""When something unexpected goes wrong: the traceback to the log, a calm dialog, quit or go on."""

from __future__ import annotations

import html
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker import APP_NAME, __version__
from rlstracker.domain.language import _
from rlstracker.logs import log
from rlstracker.ui.dialogs import Dialogs

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def describe_failure(kind: type[BaseException], value: BaseException, tb) -> str:
    """What a person copies to ask for help: versions and the traceback. No diary content: a
    traceback names code, not the values it was working on."""
    import PySide6

    lines = traceback.format_exception(kind, value, tb)
    return (
        f"{APP_NAME} {__version__}, Python {platform.python_version()}, PySide6 "
        f"{PySide6.__version__} (Qt {qVersion()}), {platform.platform()}\n"
        f"{datetime.now():%Y-%m-%d %H:%M:%S}\n\n" + "".join(lines)
    )


class CrashDialog(QDialog):
    """Says the diary is safe, offers the details and the log's place; Go on is the default."""

    def __init__(
        self,
        details: str,
        log_file: Path | None,
        unsaved_typing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("{app}: something went wrong").format(app=APP_NAME))
        self.quit_chosen = False
        self.details = details
        self.heading = heading = QLabel(_("<b>Something went wrong; your diary is safe.</b>"))
        heading.setAccessibleName(_("Something went wrong; your diary is safe."))
        if unsaved_typing:
            typed = _(
                "<p>Every night you saved is in your diary. What you typed but have not saved yet "
                "is still in the window: choose <b>Go on</b>, then save it.</p>"
            )
        else:
            typed = _(
                "<p>Every night you saved is in your diary. Choose <b>Go on</b> to carry on where "
                "you were.</p>"
            )
        self.explanation = QLabel(
            typed
            + _(
                "<p>If this happens again, <b>Copy details</b> and send them with your question. "
                "They hold the versions and where in the program it went wrong, none of your "
                "diary.</p>"
            )
        )
        self.explanation.setWordWrap(True)
        if log_file is not None:
            where = _("The log, with the same details, is at<br><tt>{path}</tt>").format(
                path=html.escape(str(log_file))
            )
        else:
            where = _("There is no log file: its folder could not be written.")
        self.log_label = QLabel(where)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_box = QPlainTextEdit(details)
        self.details_box.setReadOnly(True)
        self.details_box.setAccessibleName(_("Details"))
        self.details_box.setVisible(False)
        self.details_button = QPushButton(_("Show &details"))
        self.details_button.setCheckable(True)
        self.copy_button = QPushButton(_("&Copy details"))
        # Quit closes the window as always, which asks first about anything typed and unsaved.
        self.quit_button = QPushButton(_("&Quit"))
        self.go_on_button = QPushButton(_("&Go on"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.go_on_button, QDialogButtonBox.ButtonRole.AcceptRole)
        for button in (self.details_button, self.copy_button, self.quit_button):
            button.setAutoDefault(False)  # Enter always means Go on, wherever the focus is
        self.go_on_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.log_label)
        layout.addWidget(self.details_box, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.quit_button.clicked.connect(self._on_quit_button_clicked)
        self.go_on_button.clicked.connect(self.accept)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.go_on_button.setFocus()

    def _on_details_button_toggled(self, shown: bool) -> None:
        self.details_box.setVisible(shown)
        self.details_button.setText(_("Hide &details") if shown else _("Show &details"))
        self.adjustSize()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("&Copied"))

    def _on_quit_button_clicked(self) -> None:
        self.quit_chosen = True
        self.reject()


class CrashHandler:
    """Installed as sys.excepthook while the window is open (an exception in a Qt slot ends up
    there). Logs every exception; shows one dialog at a time, and none for a failure the person
    has already seen and chosen to go on from."""

    def __init__(
        self,
        dialogs: Dialogs,
        log_file: Path | None,
        quit_app: Callable[[], None],
        unsaved_typing: Callable[[], bool] = lambda: False,
    ) -> None:
        self.dialogs = dialogs
        self.log_file = log_file
        self.quit_app = quit_app
        self.unsaved_typing = unsaved_typing
        self.showing = False
        self._pending: ExcInfo | None = None
        self._seen: set[tuple[str, str, int | None]] = set()
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def handle(self, kind: type[BaseException], value: BaseException, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, value, tb)
            return
        log.error("Unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is None:
            self._previous_hook(kind, value, tb)
            return
        key = _failure_key(kind, tb)
        if self.showing or self._pending is not None:
            log.info("not shown: the error dialog is already open")
            return
        if key in self._seen:
            log.info("not shown again: the same error was shown before")
            return
        # Shown from the event loop, not from inside the failing slot (which may be in the
        # middle of painting or of a layout).
        self._pending = (kind, value, tb)
        QTimer.singleShot(0, self._show_pending)

    def _handle_thread(self, arguments: threading.ExceptHookArgs) -> None:
        log.error(
            "Unexpected error in thread %s",
            arguments.thread.name if arguments.thread else "?",
            exc_info=arguments.exc_value,  # the exception carries its traceback
        )

    def _show_pending(self) -> None:
        if self._pending is None:
            return
        failure, self._pending = self._pending, None
        self.show_now(*failure)

    def show_now(self, kind: type[BaseException], value: BaseException, tb) -> bool:
        """The dialog, now. True when the person chose to quit (the app is then told to)."""
        if self.showing:
            return False
        self.showing = True
        try:
            dialog = CrashDialog(
                describe_failure(kind, value, tb),
                self.log_file,
                self.unsaved_typing(),
                QApplication.activeWindow(),
            )
            self.dialogs.run_dialog(dialog)
            quit_chosen = dialog.quit_chosen
            dialog.deleteLater()
        finally:
            self.showing = False
        self._seen.add(_failure_key(kind, tb))
        log.info("after the error the person chose to %s", "quit" if quit_chosen else "go on")
        if quit_chosen:
            self.quit_app()
        return quit_chosen


def _failure_key(kind: type[BaseException], tb) -> tuple[str, str, int | None]:
    frames = traceback.extract_tb(tb) if tb is not None else []
    last = frames[-1] if frames else None
    return (kind.__qualname__, last.filename if last else "", last.lineno if last else None)
