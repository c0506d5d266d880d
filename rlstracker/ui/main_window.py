"""The main window: Tonight with the night's diary beside it, Charts and History. It wires the
panels to the diary and to the workflows; it reaches into no panel's widgets."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
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
from rlstracker.domain.models import Intake, InvalidRecord, Night, evening_of
from rlstracker.domain.safety import DISCLAIMER
from rlstracker.domain.titration import suggest
from rlstracker.domain.wording import full_day
from rlstracker.storage import Diary, NightChangedError, StorageError
from rlstracker.ui.commands import DeleteNightCommand, DiaryCommand, SaveNightCommand, TakenCommand
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.fields import scrolled
from rlstracker.ui.file_workflows import FileWorkflows
from rlstracker.ui.history_panel import HistoryPanel
from rlstracker.ui.night_form import NightForm
from rlstracker.ui.settings_workflow import SettingsWorkflow
from rlstracker.ui.sizing import fit_to_screen
from rlstracker.ui.theme import style_role
from rlstracker.ui.tonight_panel import TonightPanel
from rlstracker.ui.wheel_guard import install_wheel_guard

GEOMETRY_SETTING = "window_geometry"


def banner(role: str, text: str) -> QFrame:
    frame = QFrame()
    style_role(frame, role)
    label = QLabel(text)
    label.setWordWrap(True)
    QVBoxLayout(frame).addWidget(label)
    return frame


class MainWindow(QMainWindow):
    preferences_changed = Signal(object)  # Preferences
    charts_loaded = Signal(object)  # the ChartsPanel, once matplotlib is in
    closed = Signal()

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
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_wheel_guard(app)
        self.diary = diary
        self.dialogs = dialogs
        self.clock = clock
        self.example = example_note is not None
        self.read_only = read_only
        self._help_html = help_html
        self._today = evening_of(clock())
        self.undo_stack = QUndoStack(self)
        self.files = FileWorkflows(diary, dialogs, clock, lambda: self._today, self)
        self.setup = SettingsWorkflow(diary, dialogs, lambda: self._today, self)
        self.setWindowTitle(APP_NAME + (" — EXAMPLE DATA" if self.example else ""))
        self.setMinimumSize(640, 440)

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
        self.tabs.addTab(self.history, "H&istory")

        central = QWidget()
        central_layout = QVBoxLayout(central)
        if read_only:
            central_layout.addWidget(
                banner(
                    "seekHelpBanner",
                    "<b>Read-only.</b> A newer version of RLS Tracker wrote this diary. You can "
                    "read everything, but nothing can be saved until you update RLS Tracker.",
                )
            )
        if example_note is not None:
            central_layout.addWidget(
                banner("exampleBanner", f"<b>Example data.</b> {example_note}")
            )
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
        self.files.diary_replaced.connect(self._on_diary_replaced)
        self.setup.saved.connect(self._on_setup_saved)
        self.setup.preferences_changed.connect(self.preferences_changed)
        self.files.status.connect(self._on_workflow_status)
        self.setup.status.connect(self._on_workflow_status)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self._day_timer = QTimer(self)
        self._day_timer.timeout.connect(self._on_day_timer_timeout)
        self._day_timer.start(60_000)
        # One diary, several programs (the command line, a script): SQLite serialises their
        # writes; this notices another program's commit and shows it.
        self._seen_version = diary.data_version()
        self._outside_timer = QTimer(self)
        self._outside_timer.timeout.connect(self.check_outside_changes)
        self._outside_timer.start(2_000)

        for panel in (self.form, self.tonight, self.history):
            panel.set_read_only(read_only)
        for item in (self.import_action, self.settings_action, self.restore_action):
            item.setEnabled(not read_only)
        self.refresh()
        self.new_night()
        self._restore_geometry()

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

        keys = QKeySequence.StandardKey
        self.new_night_action = action(
            "&New night", self.new_night, keys.New, "Fill in the diary for last night"
        )
        self.import_action = action("&Import diary (CSV)…", self.files.import_csv)
        self.restore_action = action("Restore from a &backup…", self.files.restore)
        self.export_action = action("&Export diary (CSV)…", self.files.export_csv, "Ctrl+E")
        self.report_action = action(
            "&Print or save the report…",
            self.files.report,
            keys.Print,
            "A report for your doctor",
            fallback="Ctrl+P",
        )
        self.quit_action = action("&Quit", self.close, keys.Quit, fallback="Ctrl+Q")
        file_items = [self.new_night_action, None, self.report_action, None, self.import_action]
        file_items += [self.export_action, self.restore_action, None, self.quit_action]
        self._menu("&File", file_items)

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(keys.Redo), QKeySequence("Ctrl+Y")])
        self.settings_action = action(
            "&Settings…", self.open_settings, keys.Preferences, fallback="Ctrl+,"
        )
        self._menu("&Edit", [self.undo_action, self.redo_action, None, self.settings_action])
        self._menu(
            "&View",
            [
                action("&Tonight", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1"),
                action("&Charts", self.show_charts, "Ctrl+2"),
                action("&History", lambda: self.tabs.setCurrentWidget(self.history), "Ctrl+3"),
            ],
        )
        self.help_action = action(
            "&How the guide works", self.show_help, keys.HelpContents, fallback="F1"
        )
        self.about_action = action("&About RLS Tracker", self.show_about)
        self._menu("&Help", [self.help_action, self.about_action])

    def _menu(self, title: str, items: list[QAction | None]) -> None:
        menu = self.menuBar().addMenu(title)
        for item in items:
            menu.addSeparator() if item is None else menu.addAction(item)

    # Refreshing

    def refresh(self) -> None:
        """Re-read the diary once and update every view from it."""
        diary = self.diary
        nights = diary.nights()
        plan = diary.plan()
        product = diary.product_in_use()
        suggestion = suggest(
            plan, diary.safety_answers(), nights, self._today, product, diary.clearances()
        )
        now = self.clock().time().replace(second=0, microsecond=0)
        self.tonight.show_suggestion(
            suggestion, diary.night_on(self._today), diary.intakes_on(self._today), now
        )
        self.tonight.show_iron(iron_advice(diary.iron_results(), self._today))
        self.form.set_today(self._today)
        self.form.set_plan_limits(plan.ceiling_mg, product)
        self.form.take(diary.night_on(self.form.day))  # what undo, redo or Taken changed
        self.history.set_nights(nights)
        if self.charts is not None:
            limits = analysis.guide_limits(nights, plan, product)
            self.charts.set_nights(nights, self._today, limits)

    def _storage_failed(self, error: StorageError) -> None:
        self.dialogs.warn(self, "Could not save", f"{error}\n\nYour entry is still in the form.")

    def _run(self, command: DiaryCommand) -> bool:
        try:
            command.apply()
        except NightChangedError:
            raise
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
        """The form on last night while it is not complete, else on tonight."""
        self.tabs.setCurrentIndex(0)
        last = self._today - timedelta(days=1)
        recorded = self.diary.night_on(last)
        day = last if recorded is None or not recorded.is_complete else self._today
        self.form.load(self.diary.night_on(day), day)
        self.form.severity.setFocus()

    def _on_form_date_changed(self, day: date) -> None:
        self.form.load(self.diary.night_on(day), day)

    def save_night(self, night: Night, form: NightForm, retried: bool = False) -> bool:
        """Save what `form` holds against the version it loaded; True when saved. Another
        program's change in between is merged field by field, or shown to the person."""
        if form.base == night:
            form.mark_saved(night, "Nothing changed.")
            return True
        command = SaveNightCommand(self.diary, form.base, night, self.refresh, self._storage_failed)
        try:
            saved = self._run(command)
        except NightChangedError as changed:
            form.take(changed.theirs)
            if form.in_conflict or retried:
                return False
            return self.save_night(form.night(), form, retried=True)
        if saved:
            form.mark_saved(night, f"Saved at {self.clock():%H:%M}.")
            self.statusBar().showMessage(f"Saved the night of {full_day(night.date)}.", 5000)
        return saved

    def _on_form_night_saved(self, night: Night) -> None:
        self.save_night(night, self.form)

    def _on_tonight_intake_recorded(self, intake: Intake) -> None:
        night = self.diary.night_on(intake.date)
        if (
            night is not None
            and night.took_magnesium
            and not self.dialogs.confirm(
                self,
                "Another intake tonight?",
                f"You have already recorded {night.dose_mg:g} mg tonight: add another "
                f"{intake.dose_mg:g} mg?",
            )
        ):
            return
        product = self.diary.product_in_use()
        form = product.form if product else None
        command = TakenCommand(self.diary, intake, form, self.refresh, self._storage_failed)
        if self._run(command):
            self.statusBar().showMessage(
                f"Recorded {intake.dose_mg:g} mg taken at {intake.taken_at:%H:%M}.", 5000
            )

    def _on_history_edit_requested(self, night: Night) -> None:
        from rlstracker.ui.edit_dialog import NightEditDialog

        dialog = NightEditDialog(
            night,
            self._today,
            self.diary.plan().ceiling_mg,
            self.diary.product_in_use(),
            self.save_night,
            self,
        )
        self.dialogs.run_dialog(dialog)
        self.history.select(night.date)

    def _on_history_delete_requested(self, night: Night) -> None:
        if self._run(DeleteNightCommand(self.diary, night, self.refresh, self._storage_failed)):
            self.statusBar().showMessage(
                f"Deleted the night of {full_day(night.date)}. Undo with Ctrl+Z.", 8000
            )

    def open_settings(self) -> None:
        self.setup.open()

    def _on_tonight_safety_requested(self) -> None:
        self.setup.open(safety=True)

    def _on_tonight_clearance_requested(self) -> None:
        self.setup.record_clearance(self)

    def _on_workflow_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_undo_stack_index_changed(self, _: int) -> None:
        self.statusBar().clearMessage()  # "Deleted… Undo with Ctrl+Z" is over once undone

    def _on_diary_replaced(self) -> None:
        self.undo_stack.clear()
        self.refresh()

    def _on_setup_saved(self) -> None:
        self.refresh()

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
            message = "The diary was changed by another program; this window now shows it."
            if self.form.in_conflict:
                message = "Another program changed the night you are editing: see the form."
            self.statusBar().showMessage(message, 10_000)

    def _on_day_timer_timeout(self) -> None:
        today = evening_of(self.clock())
        if today != self._today:
            self._today = today
            self.refresh()
            if not self.form.is_dirty():
                self.new_night()

    def show_help(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("How the guide works")
        fit_to_screen(dialog, 720, 640)
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
        self.closed.emit()
