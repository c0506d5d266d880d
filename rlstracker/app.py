"""The one place that builds and wires the app: the diary, the first-run guide, the window."""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from rlstracker import APP_ID, APP_NAME, __version__, qt_references, translations
from rlstracker.domain import language
from rlstracker.domain.language import _, ngettext
from rlstracker.locations import ICON_SIZES, resource
from rlstracker.storage import (
    DamagedDiaryError,
    Diary,
    MissingDiaryError,
    NewerDiaryError,
    Setup,
    StorageError,
)
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.main_window import MainWindow
from rlstracker.ui.qt_language import install_qt_translations
from rlstracker.ui.settings_workflow import load_preferences
from rlstracker.ui.theme import Theme, apply_appearance

if TYPE_CHECKING:
    from rlstracker.ui.background import Background

log = logging.getLogger(__name__)


def save_setup(diary: Diary, setup: Setup) -> None:
    """Everything from the first-run guide, in one transaction."""
    diary.save_setup(setup, set_up=True)


def open_example(clock: Callable[[], datetime]) -> tuple[Diary, Path]:
    """The demo diary in a temporary folder of its own, never the person's."""
    from rlstracker.demo import save_demo

    folder = Path(tempfile.mkdtemp(prefix="rlstracker-example-"))  # not user text: a folder name
    diary = Diary.open(folder / "diary")
    save_demo(diary, clock().date())
    return diary, folder


# The background (tray and reminder), and answering later launches, start this long after the
# window is shown: the first paint needs neither. The background waits for the charts too (they
# load just after the first paint), or for the longer delay if they never load.
BACKGROUND_DELAY_MS = 500
BACKGROUND_AT_LATEST_MS = 5000


class Launcher:
    """Opens the diary (or the example), runs the first-run guide if needed, shows the window."""

    def __init__(
        self,
        app: QApplication,
        folder: Path,
        dialogs: Dialogs,
        clock: Callable[[], datetime] = datetime.now,
        log_file: Path | None = None,
        language: str | None = None,
    ) -> None:
        self.app = app
        self.language = language  # --language, which outranks the one chosen in Settings
        self.folder = folder
        self.dialogs = dialogs
        self.clock = clock
        self.log_file = log_file
        self.window: MainWindow | None = None
        self.background: Background | None = None
        self._background_pending: Diary | None = None
        self._example_folder: Path | None = None
        self._diaries: list[Diary] = []
        self._watching_scheme = False
        self._quitting = False
        self._speak("")  # the desktop's, until the diary says which was chosen in Settings

    def _speak(self, preference: str) -> None:
        """The language of --language, else of Settings, else of the desktop, for the app's
        words and Qt's own; before any window or dialog is made."""
        code = translations.speak_chosen(self.language, preference)
        install_qt_translations(self.app, code)

    def start_in_background(self) -> bool:
        """As at login: no window, the tray icon and the evening reminder only. False when
        there is nothing to remind of (no diary yet, or one that can't be opened)."""
        try:
            # Never a new diary: started at login before the person has set the app up, there
            # is nothing to remind of, and the first start with a window makes the diary.
            diary = Diary.open(self.folder, clock=self.clock, create=False)
        except StorageError as error:
            log.warning("background start: the diary can't be opened (%s)", type(error).__name__)
            return False
        self._diaries.append(diary)
        if not diary.is_set_up():
            return False  # the first-run guide comes first, in the window
        self._speak(diary.preferences().language)
        self._start_background(diary)
        return True

    def _start_background(self, diary: Diary) -> None:
        self._background_pending = None
        if self.background is not None:
            return
        from rlstracker.ui.background import Background

        background = Background(diary, self.app.windowIcon(), self.clock, lambda: self.window)
        background.open_requested.connect(self.bring_forward)
        background.record_requested.connect(self._on_background_record_requested)
        background.quit_requested.connect(self.quit)
        self.app.setQuitOnLastWindowClosed(False)
        background.start()
        self.background = background

    def quit(self) -> None:
        self._quitting = True
        if self.window is not None and not self.window.close():
            self._quitting = False  # the person chose to stay with unsaved changes
            return
        self.app.quit()

    def _on_background_record_requested(self) -> None:
        self.bring_forward()
        if self.window is not None:
            self.window.tabs.setCurrentIndex(0)

    def _start_pending_background(self) -> None:
        if self._background_pending is not None:
            self._start_background(self._background_pending)

    def _on_window_closed(self) -> None:
        quitting = self._quitting or (self.window is not None and self.window.quitting)
        if not quitting:
            self._start_pending_background()  # closed at once: the reminder still runs
        self.window = None
        if quitting or self.background is None or not self.background.reminders_on():
            self.app.quit()
            return
        diary = self.background.diary
        if not diary.was_told_background():
            at = diary.preferences().reminder_time
            self.dialogs.inform(
                None,
                _("{app} keeps running").format(app=APP_NAME),
                _(
                    "{app} keeps running in the background to remind you at {time} each "
                    "evening. To stop it, choose Quit from its icon in the tray, or File, Quit in "
                    "the window. Turn the reminder off in Settings, General."
                ).format(app=APP_NAME, time=f"{at:%H:%M}"),
            )
            with contextlib.suppress(StorageError):
                diary.mark_told_background()

    def start(self) -> MainWindow | None:
        """The window shown, or None when there is nothing to show (and a message was given)."""
        read_only = False
        try:
            diary: Diary | None
            if self.background is not None:
                # One connection: its writes are not "another program".
                diary = self.background.diary
            else:
                diary = Diary.open(self.folder, clock=self.clock)
        except NewerDiaryError as error:
            self.dialogs.warn(
                None,
                _("A newer RLS Tracker wrote this diary"),
                _(
                    "{error}\n\nIt opens read-only: you can read everything, but nothing can be "
                    "saved until you update RLS Tracker."
                ).format(error=error),
            )
            try:
                diary = Diary.open(self.folder, read_only=True)
            except StorageError as again:
                self.dialogs.warn(
                    None, _("{app} can't open your diary").format(app=APP_NAME), str(again)
                )
                return None
            read_only = True
        except (DamagedDiaryError, MissingDiaryError) as error:
            diary = self._recover(error)
            if diary is None:
                return None
        except StorageError as error:
            self.dialogs.warn(
                None, _("{app} can't open your diary").format(app=APP_NAME), str(error)
            )
            return None
        self._diaries.append(diary)
        read_only = read_only or diary.read_only  # a read-only disk or folder, too
        preferences = load_preferences(diary)
        self._speak(preferences.language)
        apply_appearance(self.app, preferences.theme, preferences.text_size)
        example = False
        if not diary.is_set_up():
            from rlstracker.ui.setup_wizard import SetupWizard

            _install_app_behaviour(self.app)  # the guide's plan has spin boxes
            wizard = SetupWizard(self.clock().date(), self.dialogs)
            wizard.setWindowIcon(self.app.windowIcon())
            accepted = self.dialogs.run_dialog(wizard) == QDialog.DialogCode.Accepted
            wants_example = wizard.wants_example
            result = wizard.result_value() if accepted else None
            # Gone before the window's appearance is applied (see theme.apply_appearance).
            shiboken6.delete(wizard)
            if wants_example:
                try:
                    diary, self._example_folder = open_example(self.clock)
                except StorageError as error:
                    self.dialogs.warn(None, _("The example can't be opened"), str(error))
                    return None
                self._diaries.append(diary)
                example = True
            elif not accepted:
                return None
            else:
                assert result is not None
                try:
                    save_setup(diary, result)
                except StorageError as error:
                    self.dialogs.warn(None, _("Your answers were not saved"), str(error))
                    return None
        note = None
        if example:
            note = _(
                "This diary is invented, to show what the app does. Nothing you change here is "
                "kept, and your own diary is not touched. Close this window to set up your own."
            )
        elif diary.holds_example():
            note = _("This diary holds invented example data, made with 'rlstracker demo'.")
        if example:
            preferences = load_preferences(diary)
            apply_appearance(self.app, preferences.theme, preferences.text_size)
        help_html = translations.help_html()
        window = MainWindow(
            diary,
            self.dialogs,
            self.clock,
            example_note=note,
            help_html=help_html,
            read_only=read_only,
            log_file=self.log_file,
        )
        _log_menu_actions(window)
        if not read_only and not example:  # the example is thrown away at closing anyway
            # A second after the window is up: the copy never delays the window.
            QTimer.singleShot(1000, window, lambda: self._routine_backup(diary, window))
        window.preferences_changed.connect(self._on_window_preferences_changed)
        window.first_painted.connect(lambda: _install_app_behaviour(self.app))
        if example:
            # Closing the example leads to the person's own diary, not out of the app.
            self.app.setQuitOnLastWindowClosed(False)
            window.closed.connect(self._on_example_closed)
        # "Follow the system": the desktop switching between light and dark recolours the app.
        self.app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._watching_scheme = True
        window.show()
        self.window = window
        log.info("window shown (%s)", "example" if example else "diary")
        window.quit_requested.connect(self.quit)  # File, Quit: out of the app, example or not
        if not example:
            window.closed.connect(self._on_window_closed)
            if not read_only:
                # The tray, the notifications and the evening's timer a moment after the
                # window and its charts: neither needs them (they cost 10 to 20 ms, which the
                # first chart would otherwise wait for).
                self._background_pending = diary
                window.charts_loaded.connect(
                    lambda _panel: QTimer.singleShot(
                        BACKGROUND_DELAY_MS, window, self._start_pending_background
                    )
                )
                QTimer.singleShot(BACKGROUND_AT_LATEST_MS, window, self._start_pending_background)
        return window

    def unsaved_typing(self) -> bool:
        return self.window is not None and self.window.form.is_dirty()

    def _on_color_scheme_changed(self, _scheme) -> None:
        if self.window is None:
            return
        preferences = load_preferences(self.window.diary)
        if preferences.theme is Theme.SYSTEM:
            self._on_window_preferences_changed(preferences)

    def _routine_backup(self, diary: Diary, window: MainWindow) -> None:
        """Once a day, a copy of the diary (storage decides when); a failure is said, not fatal."""
        if window.isHidden():
            return  # closed already: the diary may be closed too
        try:
            diary.routine_backup(self.clock())
        except (StorageError, OSError) as error:
            window.statusBar().showMessage(
                _("Today's backup could not be made: {error}").format(error=error), 15_000
            )

    def _recover(self, error: DamagedDiaryError | MissingDiaryError) -> Diary | None:
        """Offer the newest good backup for a damaged, missing, emptied or foreign diary; the
        file that was there is kept aside, never deleted."""
        from rlstracker import backups
        from rlstracker.ui.backup_dialogs import RecoveryDialog

        now = self.clock()
        missing = isinstance(error, MissingDiaryError) and error.problem == "missing"
        kept_name = f"diary-damaged-{now:%Y%m%d-%H%M%S}.sqlite3"  # not user text: a file name
        found = backups.list_backups(self.folder)
        problem = error.problem if isinstance(error, MissingDiaryError) else "damaged"
        dialog = RecoveryDialog(error.detail, None if missing else kept_name, found, kind=problem)
        accepted = self.dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted
        chosen = dialog.chosen
        shiboken6.delete(dialog)
        if not accepted or chosen is None:
            return None
        try:
            kept = None if missing else backups.set_damaged_file_aside(error.path, now)
            backups.put_backup_in_place(chosen.path, error.path)
            diary = Diary.open(self.folder, clock=self.clock)
        except (OSError, StorageError) as failure:
            self.dialogs.warn(None, _("The backup could not be restored"), str(failure))
            return None
        nights = chosen.nights or 0  # a good backup's count, never None
        if kept is None:
            said = ngettext(
                "Your diary is back as it was on {date} ({count} night).",
                "Your diary is back as it was on {date} ({count} nights).",
                nights,
            )
        else:
            said = ngettext(
                "Your diary is back as it was on {date} ({count} night). The file that was "
                "there is kept as {file}.",
                "Your diary is back as it was on {date} ({count} nights). The file that was "
                "there is kept as {file}.",
                nights,
            )
        self.dialogs.inform(
            None,
            _("Backup restored"),
            said.format(
                date=language.day_month_year(chosen.made_at.date()),
                count=language.number(nights, grouped=True),
                file=None if kept is None else kept.name,
            ),
        )
        return diary

    def _on_window_preferences_changed(self, preferences) -> None:
        apply_appearance(self.app, preferences.theme, preferences.text_size)
        if self.window is not None:
            self.window.redraw_charts()

    def _on_example_closed(self) -> None:
        # The person closed the example's window: not File, Quit, nor the launcher its window.
        quitting = self._quitting or (self.window is not None and self.window.quitting)
        if not quitting:
            QTimer.singleShot(0, self._leave_example)

    def _leave_example(self) -> None:
        """From the example to the person's own diary: the first-run guide again."""
        if self.window is not None:
            self.window.closed.disconnect(self._on_example_closed)
        self.close()
        self.app.setQuitOnLastWindowClosed(True)
        if self.start() is None:
            self.app.quit()

    def bring_forward(self) -> None:
        if self.window is not None and self.window.example:
            self.window.close()  # launched again: the person wants their own diary
            return
        if self.window is None and self.background is not None:
            self.start()  # from the background: the window again
            return
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def close(self) -> None:
        self._quitting = True  # the app is ending: no "keeps running" from here on
        self._background_pending = None
        if self.background is not None:
            self.background.stop()
            self.background.deleteLater()
            self.background = None
        if self.window is not None:
            self.window.close()  # keeps its size and place while the diary is still open
            self.window = None
        if self._watching_scheme:
            self.app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)
            self._watching_scheme = False
        for diary in self._diaries:
            diary.close()
        self._diaries.clear()
        if self._example_folder is not None:
            shutil.rmtree(self._example_folder, ignore_errors=True)
            self._example_folder = None


def _install_app_behaviour(app: QApplication) -> None:
    """The app-wide keys, wheel and focus behaviour; imported only when it is installed (after
    the window's first paint), since the first paint does not need it."""
    from rlstracker.ui.app_behaviour import install_app_behaviour

    install_app_behaviour(app)


def _log_menu_actions(window: MainWindow) -> None:
    """Each menu action chosen goes to the log under the name it had when the window opened:
    Undo and Redo later name what they undo ("Undo record 150 mg…"), which the log must not."""
    names = {}
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            names[id(action)] = action.text().replace("&", "")
        menu.triggered.connect(lambda action: log.info("menu: %s", names.get(id(action), "?")))


def run_app(
    folder: Path,
    dialogs: Dialogs | None = None,
    background: bool = False,
    log_file: Path | None = None,
    language: str | None = None,
) -> int:
    qt_references.protect()  # PySide6 6.12.0 on Python < 3.12 would abort after a while
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource(f"icons/png/{size}.png")), QSize(size, size))
    app.setWindowIcon(icon)
    from rlstracker.ui.single_instance import SingleInstance

    instance = SingleInstance(folder)
    if not instance.claim(wake=not background):
        if not background:
            print(
                _("{app} is already open; its window was brought forward.").format(app=APP_NAME),
                file=sys.stderr,
            )
        return 0
    from rlstracker.ui.crash_dialog import CrashHandler

    dialogs = dialogs or Dialogs()
    launcher = Launcher(app, folder, dialogs, log_file=log_file, language=language)
    instance.activated.connect(launcher.bring_forward)
    crash = CrashHandler(dialogs, log_file, launcher.quit, launcher.unsaved_typing)
    crash.install()
    try:
        try:
            started = launcher.start_in_background() if background else launcher.start() is not None
        except Exception:
            crash.show_now(*sys.exc_info())
            return 1
        if not started:
            return 0
        # Later launches are answered from a moment after the window is shown (they wait).
        QTimer.singleShot(0 if background else BACKGROUND_DELAY_MS, instance.listen)
        return app.exec()
    finally:
        crash.uninstall()
        launcher.close()
        instance.release()
        log.info("closed")
