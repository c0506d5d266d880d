"""The main window: Tonight with the night's diary beside it, and History."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rlstracker import APP_NAME, __version__
from rlstracker.domain import analysis
from rlstracker.domain.iron import iron_advice
from rlstracker.domain.models import InvalidRecord, Night
from rlstracker.domain.safety import CONCERN_LABELS, DISCLAIMER, concerns
from rlstracker.domain.titration import suggest
from rlstracker.storage import Diary, ImportConflict, StorageError
from rlstracker.ui.commands import DeleteNightCommand, SaveNightCommand, TakenCommand
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.fields import scrolled
from rlstracker.ui.history_panel import HistoryPanel
from rlstracker.ui.night_form import NightForm
from rlstracker.ui.theme import Preferences, Theme, style_role
from rlstracker.ui.tonight_panel import TonightPanel

GEOMETRY_SETTING = "window_geometry"


def load_preferences(diary: Diary) -> Preferences:
    try:
        reminder = time.fromisoformat(diary.setting("reminder_time", "20:00") or "20:00")
    except ValueError:
        reminder = time(20, 0)
    theme_value = diary.setting("theme", Theme.SYSTEM.value)
    theme = Theme(theme_value) if theme_value in {t.value for t in Theme} else Theme.SYSTEM
    return Preferences(reminder, theme, diary.setting("text_size", "normal") or "normal")


class MainWindow(QMainWindow):
    """Wires the panels to the diary. Widgets emit domain objects; only this class saves."""

    preferences_changed = Signal(object)  # Preferences
    charts_loaded = Signal(object)  # the ChartsPanel, once matplotlib is in

    def __init__(
        self,
        diary: Diary,
        dialogs: Dialogs,
        clock: Callable[[], datetime] = datetime.now,
        example_note: str | None = None,
        help_html: str = "",
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.diary = diary
        self.dialogs = dialogs
        self.clock = clock
        self.example = example_note is not None
        self._help_html = help_html
        self._today = clock().date()
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_NAME + (" — EXAMPLE DATA" if self.example else ""))
        self.setMinimumSize(720, 500)

        self.tonight = TonightPanel()
        self.form = NightForm(self._today)
        diary_box = QGroupBox("The night's diary")
        QVBoxLayout(diary_box).addWidget(scrolled(self.form))
        tonight_page = QWidget()
        tonight_layout = QHBoxLayout(tonight_page)
        tonight_layout.addWidget(scrolled(self.tonight), 5)
        tonight_layout.addWidget(diary_box, 6)
        self.history = HistoryPanel()
        # The charts need matplotlib (about half a second to import): the window appears first
        # with this placeholder, and the charts fill in just after (see showEvent).
        self.charts = None
        self._charts_scheduled = False
        self._closed = False
        self.charts_placeholder = QLabel("The charts are loading…")
        self.tabs = QTabWidget()
        self.tabs.addTab(tonight_page, "&Tonight")
        self.tabs.addTab(self.charts_placeholder, "&Charts")
        self.tabs.addTab(self.history, "&History")

        central = QWidget()
        central_layout = QVBoxLayout(central)
        self.read_only = read_only
        if read_only:
            banner = QFrame()
            style_role(banner, "seekHelpBanner")
            text = QLabel(
                "<b>Read-only.</b> A newer version of RLS Tracker wrote this diary. You can read "
                "everything, but nothing can be saved until you update RLS Tracker."
            )
            text.setWordWrap(True)
            QVBoxLayout(banner).addWidget(text)
            central_layout.addWidget(banner)
        if example_note is not None:
            banner = QFrame()
            style_role(banner, "exampleBanner")
            text = QLabel(f"<b>Example data.</b> {example_note}")
            text.setWordWrap(True)
            QVBoxLayout(banner).addWidget(text)
            central_layout.addWidget(banner)
        central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._build_menus()

        self.form.night_saved.connect(self._on_form_night_saved)
        self.form.date_changed.connect(self._on_form_date_changed)
        self.tonight.intake_recorded.connect(self._on_tonight_intake_recorded)
        self.tonight.safety_requested.connect(self._on_tonight_safety_requested)
        self.tonight.clearance_requested.connect(self._on_tonight_clearance_requested)
        self.history.edit_requested.connect(self._on_history_edit_requested)
        self.history.delete_requested.connect(self._on_history_delete_requested)
        self._day_timer = QTimer(self)
        self._day_timer.timeout.connect(self._on_day_timer_timeout)
        self._day_timer.start(60_000)
        # One diary, several programs (the command line, a script): SQLite serialises their
        # writes; this notices another program's commit and shows it.
        self._seen_version = diary.data_version()
        self._outside_timer = QTimer(self)
        self._outside_timer.timeout.connect(self.check_outside_changes)
        self._outside_timer.start(2_000)

        self.refresh()
        self.new_night()
        self._restore_geometry()
        if read_only:
            for widget in (
                self.form.save_button,
                self.tonight.taken_button,
                self.history.edit_button,
                self.history.delete_button,
            ):
                widget.setEnabled(False)
                widget.setToolTip("This diary is read-only")
            for item in (self.import_action, self.settings_action, self.restore_action):
                item.setEnabled(False)

    # Building

    def _build_menus(self) -> None:
        def action(text: str, slot, keys=None, tip: str = "", fallback: str = "") -> QAction:
            made = QAction(text, self)
            if keys is not None:
                made.setShortcut(QKeySequence(keys))
            if made.shortcut().isEmpty() and fallback:  # no platform standard for it here
                made.setShortcut(QKeySequence(fallback))
            if tip:
                made.setStatusTip(tip)
            made.triggered.connect(slot)
            return made

        file_menu = self.menuBar().addMenu("&File")
        self.new_night_action = action(
            "&New night",
            self.new_night,
            QKeySequence.StandardKey.New,
            "Fill in the diary for last night",
        )
        self.import_action = action("&Import diary (CSV)…", self.import_csv)
        self.restore_action = action("Restore from a &backup…", self.open_restore)
        self.export_action = action("&Export diary (CSV)…", self.export_csv, "Ctrl+E")
        self.report_action = action(
            "&Print or save the report…",
            self.open_report,
            QKeySequence.StandardKey.Print,
            "A report for your doctor",
            fallback="Ctrl+P",
        )
        self.quit_action = action(
            "&Quit", self.close, QKeySequence.StandardKey.Quit, fallback="Ctrl+Q"
        )
        for item in (
            self.new_night_action,
            None,
            self.report_action,
            None,
            self.import_action,
            self.export_action,
            self.restore_action,
            None,
            self.quit_action,
        ):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.settings_action = action(
            "&Settings…",
            self.open_settings,
            QKeySequence.StandardKey.Preferences,
            fallback="Ctrl+,",
        )
        for item in (self.undo_action, self.redo_action, None, self.settings_action):
            edit_menu.addSeparator() if item is None else edit_menu.addAction(item)

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(action("&Tonight", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1"))
        view_menu.addAction(action("&Charts", self.show_charts, "Ctrl+2"))
        view_menu.addAction(
            action("&History", lambda: self.tabs.setCurrentWidget(self.history), "Ctrl+3")
        )

        help_menu = self.menuBar().addMenu("&Help")
        self.help_action = action(
            "&How the guide works",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            fallback="F1",
        )
        self.about_action = action("&About RLS Tracker", self.show_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    # Refreshing

    def refresh(self) -> None:
        """Re-read the diary once and update every view from it."""
        nights = self.diary.nights()
        plan = self.diary.plan()
        product = self.diary.product_in_use()
        suggestion = suggest(
            plan,
            self.diary.safety_answers(),
            nights,
            self._today,
            product,
            self.diary.clearances(),
        )
        now = self.clock().time().replace(second=0, microsecond=0)
        self.tonight.show_suggestion(
            suggestion,
            self.diary.night_on(self._today),
            self.diary.intakes_on(self._today),
            now,
        )
        self.tonight.show_iron(iron_advice(self.diary.iron_results(), self._today))
        self.form.set_today(self._today)
        self.form.set_plan_limits(plan.ceiling_mg, product)
        self.history.set_nights(nights)
        if self.charts is not None:
            self.charts.set_nights(
                nights, self._today, analysis.guide_limits(nights, plan, product)
            )

    def _storage_failed(self, error: StorageError) -> None:
        self.dialogs.warn(self, "Could not save", f"{error}\n\nYour entry is still in the form.")

    def _run(self, command) -> bool:
        try:
            command.apply()
        except StorageError as error:
            self._storage_failed(error)
            return False
        except InvalidRecord as error:
            self.dialogs.warn(self, "Not saved", " ".join(why for _, why in error.problems))
            return False
        self.undo_stack.push(command)
        return True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.charts is None and not self._charts_scheduled:
            self._charts_scheduled = True
            self.tabs.installEventFilter(self)  # load the charts once the window is painted

    def eventFilter(self, watched, event) -> bool:
        if watched is self.tabs and event.type() == QEvent.Type.Paint:
            self.tabs.removeEventFilter(self)
            QTimer.singleShot(0, self.load_charts)
        return super().eventFilter(watched, event)

    def load_charts(self) -> None:
        if self.charts is not None or self._closed:
            return
        from rlstracker.ui.charts_panel import ChartsPanel

        self.charts = ChartsPanel()
        index = self.tabs.indexOf(self.charts_placeholder)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, self.charts, "&Charts")
        self.tabs.setCurrentIndex(current)
        self.charts_placeholder.deleteLater()
        self.charts_loaded.emit(self.charts)
        nights = self.diary.nights()
        limits = analysis.guide_limits(nights, self.diary.plan(), self.diary.product_in_use())
        self.charts.set_nights(nights, self._today, limits)

    def show_charts(self) -> None:
        self.load_charts()
        self.tabs.setCurrentWidget(self.charts)

    def redraw_charts(self) -> None:
        """After a change of colours or text size."""
        if self.charts is not None:
            self.charts.redraw()

    # Slots

    def new_night(self) -> None:
        """The form on last night, or tonight when last night is already recorded."""
        self.tabs.setCurrentIndex(0)
        yesterday = self._today - timedelta(days=1)
        day = yesterday if self.diary.night_on(yesterday) is None else self._today
        self.form.load(self.diary.night_on(day), day)
        self.form.severity.setFocus()

    def _on_form_date_changed(self, day: date) -> None:
        self.form.load(self.diary.night_on(day), day)

    def _on_form_night_saved(self, night: Night) -> None:
        old = self.diary.night_on(night.date)
        if old == night:
            self.statusBar().showMessage("Nothing changed.", 5000)
            return
        command = SaveNightCommand(self.diary, old, night, self.refresh, self._storage_failed)
        if self._run(command):
            stamp = self.clock().strftime("%H:%M")
            self.form.mark_saved(f"Saved at {stamp}.")
            self.statusBar().showMessage(f"Saved the night of {night.date:%A %d %B}.", 5000)

    def _on_tonight_intake_recorded(self, intake) -> None:
        product = self.diary.product_in_use()
        command = TakenCommand(
            self.diary,
            intake,
            product.form if product else None,
            self.refresh,
            self._storage_failed,
        )
        if self._run(command):
            self.statusBar().showMessage(
                f"Recorded {intake.dose_mg:g} mg taken at {intake.taken_at:%H:%M}.", 5000
            )
            if self.form.day == intake.date:
                self.form.load(self.diary.night_on(intake.date), intake.date)

    def _on_history_edit_requested(self, night: Night) -> None:
        from rlstracker.ui.edit_dialog import NightEditDialog

        dialog = NightEditDialog(
            night, self._today, self.diary.plan().ceiling_mg, self.diary.product_in_use(), self
        )
        accepted = self.dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted
        if accepted and dialog.saved_night is not None:
            if dialog.saved_night != night:
                self._run(
                    SaveNightCommand(
                        self.diary, night, dialog.saved_night, self.refresh, self._storage_failed
                    )
                )
            self.history.select(night.date)

    def _on_history_delete_requested(self, night: Night) -> None:
        if self._run(DeleteNightCommand(self.diary, night, self.refresh, self._storage_failed)):
            self.statusBar().showMessage(
                f"Deleted the night of {night.date:%A %d %B}. Undo with Ctrl+Z.", 8000
            )

    def check_outside_changes(self) -> None:
        """Another program committed to the diary: show its changes, and forget undo steps
        that were made against the old state."""
        try:
            version = self.diary.data_version()
        except Exception:
            return
        if version != self._seen_version:
            self._seen_version = version
            self.undo_stack.clear()
            self.refresh()
            self.statusBar().showMessage(
                "The diary was changed by another program; this window now shows it.", 10_000
            )

    def open_restore(self) -> None:
        from rlstracker import backups
        from rlstracker.ui.backup_dialogs import RestoreDialog

        dialog = RestoreDialog(backups.list_backups(self.diary.path.parent), self)
        if self.dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.chosen:
            return
        chosen = dialog.chosen
        if not self.dialogs.confirm(
            self,
            "Restore this backup?",
            f"Your diary will be as it was on {chosen.made_at:%d %B %Y at %H:%M} "
            f"({chosen.nights} nights). Your diary as it is now is kept as a backup first.",
        ):
            return
        try:
            kept = self.diary.restore(chosen.path, self.clock())
        except StorageError as error:
            self.dialogs.warn(self, "Not restored", str(error))
            return
        self.undo_stack.clear()
        self.refresh()
        self.dialogs.inform(
            self, "Restored", f"Restored. Your diary as it was just before is kept as {kept.name}."
        )

    def _on_day_timer_timeout(self) -> None:
        today = self.clock().date()
        if today != self._today:
            self._today = today
            self.refresh()

    def open_settings(self, safety: bool = False) -> None:
        from rlstracker.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self._today,
            self.diary.plan(),
            self.diary.product_in_use(),
            self.diary.safety_answers(),
            load_preferences(self.diary),
            self.diary.iron_results(),
            self.diary.clearances(),
            self,
        )
        if safety:
            dialog.show_safety()

        def record_clearance() -> None:
            if self.record_clearance(dialog):
                dialog.set_clearances(self.diary.clearances())

        dialog.clearance_requested.connect(record_clearance)
        if self.dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.apply_settings(dialog.result_value())

    def _on_tonight_safety_requested(self) -> None:
        self.open_settings(safety=True)

    def _on_tonight_clearance_requested(self) -> None:
        self.record_clearance(self)

    def record_clearance(self, parent: QWidget) -> bool:
        """Ask for the date and note of a clearance and record it; True when recorded."""
        from rlstracker.ui.clearance_dialog import ClearanceDialog

        found = [CONCERN_LABELS[c] for c in concerns(self.diary.safety_answers())]
        dialog = ClearanceDialog(self._today, self.diary.nights(), found, parent)
        if self.dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return False
        day, note = dialog.chosen()
        try:
            self.diary.record_clearance(day, self._today, note)
        except StorageError as error:
            self.dialogs.warn(parent, "Clearance not recorded", str(error))
            return False
        except InvalidRecord as error:
            self.dialogs.warn(
                parent, "Clearance not recorded", " ".join(why for _, why in error.problems)
            )
            return False
        self._seen_version = self.diary.data_version()
        self.refresh()
        self.statusBar().showMessage(f"Recorded the clearance of {day:%d %B %Y}.", 8000)
        return True

    def apply_settings(self, result) -> None:  # a settings_dialog.SettingsResult
        prefs = result.preferences
        try:
            self.diary.save_setup(
                result.setup,
                {
                    "reminder_time": prefs.reminder_time.strftime("%H:%M"),
                    "theme": prefs.theme.value,
                    "text_size": prefs.text_size,
                },
            )
        except StorageError as error:
            self.dialogs.warn(self, "Settings not saved", str(error))
            return
        self.preferences_changed.emit(result.preferences)
        self.refresh()
        self.statusBar().showMessage("Settings saved.", 5000)

    def open_report(self) -> None:
        from rlstracker.report.content import build_report
        from rlstracker.ui.report_dialog import ReportDialog  # loads matplotlib's renderer

        nights = self.diary.nights()

        def content_for(first, last, name, notes):
            return build_report(
                nights,
                self.diary.plan(),
                self.diary.safety_answers(),
                self.diary.product_in_use(),
                self.diary.iron_results(),
                self._today,
                first,
                last,
                name,
                notes,
                clearances=self.diary.clearances(),
            )

        dialog = ReportDialog(
            nights,
            self._today,
            self.diary.setting("report_name", "") or "",
            content_for,
            self.dialogs,
            self,
        )
        self.dialogs.run_dialog(dialog)
        name = dialog.name.text().strip()
        if name != (self.diary.setting("report_name", "") or ""):
            try:
                self.diary.save_setting("report_name", name)
            except StorageError as error:
                self.dialogs.warn(self, "Name not kept", str(error))

    def import_csv(self) -> None:
        from rlstracker.diary_csv import CsvRefused, read_diary_csv

        path = self.dialogs.open_file(self, "Import a diary", "Diary CSV (*.csv);;All files (*)")
        if path is None:
            return
        try:
            nights = read_diary_csv(path.read_bytes(), self._today)
        except OSError as error:
            self.dialogs.warn(self, "Not imported", f"{path} can't be read ({error.strerror}).")
            return
        except CsvRefused as refused:
            problems = "\n".join(p.describe(path.name) for p in refused.problems[:20])
            more = len(refused.problems) - 20
            extra = f"\n… and {more} more." if more > 0 else ""
            self.dialogs.warn(
                self,
                "Not imported",
                f"{path.name} was not imported; your diary is unchanged.\n\n{problems}{extra}\n\n"
                "Correct the file and import it again.",
            )
            return
        replace = False
        try:
            self.diary.backup("before-import", self.clock())
            summary = self.diary.import_nights(nights)
        except ImportConflict as conflict:
            shown = ", ".join(d.isoformat() for d in conflict.dates[:10])
            if not self.dialogs.confirm(
                self,
                "Replace nights?",
                f"{len(conflict.dates)} nights in the file differ from your diary ({shown}"
                f"{'…' if len(conflict.dates) > 10 else ''}). Replace them with the file's? "
                "This can't be undone with Undo.",
            ):
                return
            replace = True
        except StorageError as error:
            self.dialogs.warn(self, "Not imported", str(error))
            return
        if replace:
            try:
                summary = self.diary.import_nights(nights, replace=True)
            except StorageError as error:
                self.dialogs.warn(self, "Not imported", str(error))
                return
        self.undo_stack.clear()
        self.refresh()
        self.dialogs.inform(
            self,
            "Imported",
            f"{summary.added} nights added, {summary.replaced} replaced, "
            f"{summary.unchanged} already there.",
        )

    def export_csv(self) -> None:
        from rlstracker.diary_csv import write_diary_csv

        path = self.dialogs.save_bytes(
            self,
            "Export the diary",
            Path.home() / f"rls-diary-{self._today.isoformat()}.csv",
            "Diary CSV (*.csv)",
            lambda: write_diary_csv(self.diary.nights()).encode("utf-8"),
        )
        if path is not None:
            self.statusBar().showMessage(f"Exported the diary to {path}.", 8000)

    def show_help(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("How the guide works")
        dialog.resize(720, 640)
        browser = QTextBrowser()
        browser.setHtml(self._help_html)
        browser.setAccessibleName("How the guide works")
        QVBoxLayout(dialog).addWidget(browser)
        self.dialogs.run_dialog(dialog)

    def show_about(self) -> None:
        self.dialogs.inform(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\n{DISCLAIMER}\n\nYour diary: {self.diary.path}\n"
            "It stays on this computer unless you export it.",
        )

    # Window state

    def _restore_geometry(self) -> None:
        saved = self.diary.setting(GEOMETRY_SETTING)
        if saved:
            self.restoreGeometry(QByteArray(base64.b64decode(saved)))
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1180, int(screen.width() * 0.92)), min(800, int(screen.height() * 0.9)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._day_timer.stop()
        self._outside_timer.stop()
        if not self.example and not self.read_only:  # nothing to keep, or nowhere to
            try:
                geometry = bytes(self.saveGeometry().data())
                self.diary.save_setting(GEOMETRY_SETTING, base64.b64encode(geometry).decode())
            except StorageError:
                pass  # losing the window position is not worth a message at closing time
        super().closeEvent(event)
