"""The main window: Tonight with the night's diary beside it, Charts and History. It wires the
panels to the diary and to the workflows; it reaches into no panel's widgets."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rlstracker import APP_NAME
from rlstracker.domain import analysis
from rlstracker.domain.iron import iron_advice
from rlstracker.domain.language import _
from rlstracker.domain.models import evening_of
from rlstracker.domain.rules import Action
from rlstracker.domain.titration import suggest
from rlstracker.storage import Diary, StorageError
from rlstracker.ui.charts_tab import ChartsTab
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.diary_editor import DiaryEditor
from rlstracker.ui.fields import scrolled
from rlstracker.ui.file_workflows import FileWorkflows
from rlstracker.ui.first_paint import FirstPaint
from rlstracker.ui.history_tab import HistoryTab
from rlstracker.ui.menus import MainMenus, MenuSlots
from rlstracker.ui.night_desk import NightDesk
from rlstracker.ui.night_form import NightForm, with_actions_pinned
from rlstracker.ui.settings_workflow import SettingsWorkflow
from rlstracker.ui.theme import banner
from rlstracker.ui.tonight_panel import TonightPanel
from rlstracker.ui.trial_workflow import TrialWorkflow

if TYPE_CHECKING:
    from rlstracker.ui.charts_panel import ChartsPanel
    from rlstracker.ui.history_panel import HistoryPanel


class MainWindow(QMainWindow):
    preferences_changed = Signal(object)  # Preferences
    charts_loaded = Signal(object)  # the ChartsPanel, once matplotlib is in
    closed = Signal()
    # Once, when the window has painted for the first time: what the first paint does not need
    # (the charts, the app-wide keys and wheel behaviour) follows it.
    first_painted = Signal()
    quit_requested = Signal()  # File, Quit: the whole app, not only this window

    def __init__(
        self,
        diary: Diary,
        dialogs: Dialogs,
        clock: Callable[[], datetime] = datetime.now,
        example_note: str | None = None,
        help_html: str = "",
        read_only: bool = False,
        log_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.diary = diary
        self.log_file = log_file
        self.dialogs = dialogs
        self.clock = clock
        self.example = example_note is not None
        self.read_only = read_only
        self.quitting = False
        self._help_html = help_html
        self._today = evening_of(clock())
        self.editor = DiaryEditor(diary, dialogs, clock, self)
        self.undo_stack = self.editor.undo_stack
        self.files = FileWorkflows(diary, dialogs, clock, lambda: self._today, self)
        self.setup = SettingsWorkflow(diary, dialogs, lambda: self._today, self)
        self.setWindowTitle(
            _("{app} — EXAMPLE DATA").format(app=APP_NAME) if self.example else APP_NAME
        )
        self.setMinimumSize(640, 440)

        self.tonight = TonightPanel()
        self.form = NightForm(self._today)
        diary_box = QGroupBox(_("The night's diary"))
        QVBoxLayout(diary_box).addWidget(with_actions_pinned(self.form))
        tonight_page = QWidget()
        tonight_layout = QHBoxLayout(tonight_page)
        tonight_layout.addWidget(scrolled(self.tonight), 5)
        tonight_layout.addWidget(diary_box, 6)
        self.history_tab = HistoryTab()
        self.charts_tab = ChartsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(tonight_page, _("&Tonight"))
        self.tabs.addTab(self.charts_tab, _("&Charts"))
        self.tabs.addTab(self.history_tab, _("H&istory"))

        central = QWidget()
        central_layout = QVBoxLayout(central)
        if read_only:
            central_layout.addWidget(
                banner(
                    "seekHelpBanner",
                    _("<b>Read-only.</b> {reason}").format(
                        reason=html.escape(diary.read_only_reason)
                    )
                    if diary.read_only_reason
                    else _(
                        "<b>Read-only.</b> A newer version of RLS Tracker wrote this diary. You "
                        "can read everything, but nothing can be saved until you update RLS "
                        "Tracker."
                    ),
                )
            )
        if example_note is not None:
            central_layout.addWidget(
                banner("exampleBanner", _("<b>Example data.</b> {note}").format(note=example_note))
            )
        central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.menus = MainMenus(
            self,
            self.undo_stack,
            MenuSlots(
                new_night=self.new_night,
                report=self.files.report,
                import_csv=self.files.import_csv,
                export_csv=self.files.export_csv,
                restore=self.files.restore,
                back_up_to=self.files.back_up_to,
                quit=self.request_quit,
                settings=self.open_settings,
                show_tonight=lambda: self.tabs.setCurrentIndex(0),
                show_charts=self.show_charts,
                show_history=self.show_history,
                help=self.show_help,
                about=self.show_about,
            ),
        )

        self.trials = TrialWorkflow(diary, dialogs, lambda: self._today, read_only, self)
        self.menuBar().insertMenu(self.menus.help_menu.menuAction(), self.trials.menu)

        self.desk = NightDesk(diary, self.form, self.editor, dialogs, lambda: self._today, self)
        self.desk.read_only = read_only
        self.desk.show_form.connect(lambda: self.tabs.setCurrentIndex(0))
        self.desk.edited.connect(self.history_tab.select)
        self.charts_tab.loaded.connect(self.charts_loaded)
        FirstPaint(self.tabs).painted.connect(self.first_painted)
        self.first_painted.connect(self.charts_tab.load_soon)
        self.first_painted.connect(self.history_tab.make_soon)
        self.editor.changed.connect(self.refresh)
        self.editor.status.connect(self.statusBar().showMessage)
        self.tonight.intake_recorded.connect(self.editor.record_intake)
        self.tonight.safety_requested.connect(self._on_tonight_safety_requested)
        self.tonight.clearance_requested.connect(self._on_tonight_clearance_requested)
        self.tonight.trial_requested.connect(self.trials.on_tonight_trial_requested)
        self.tonight.none_recorded.connect(self.editor.record_none)
        self.trials.changed.connect(self.refresh)
        self.trials.revealed.connect(self.undo_stack.clear)
        self.trials.status.connect(self._on_workflow_status)
        self.history_tab.edit_requested.connect(self.desk.edit)
        self.history_tab.delete_requested.connect(self.editor.delete)
        self.files.diary_replaced.connect(self._on_diary_replaced)
        self.setup.saved.connect(self._on_setup_saved)
        self.setup.preferences_changed.connect(self.preferences_changed)
        self.files.status.connect(self._on_workflow_status)
        self.form.not_saved.connect(self._on_workflow_status)
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

        for panel in (self.form, self.tonight, self.history_tab):
            panel.set_read_only(read_only)
        self.menus.set_read_only(read_only)
        self.refresh()
        self.new_night()
        self._restore_geometry()

    # Refreshing

    def refresh(self) -> None:
        """Re-read the diary once and update every view from it."""
        diary = self.diary
        # A blind trial that has just ended is revealed before the guide reads the nights.
        evening = self.trials.evening()
        nights = list(evening.nights)
        plan = diary.plan()
        product = diary.product_in_use()
        suggestion = suggest(
            plan, diary.safety_answers(), nights, self._today, product, diary.clearances()
        )
        # During a trial its schedule answers, after every safety rule of the guide.
        suggestion, trial_note, trial = self.trials.tonight(suggestion, evening)
        now = self.clock().time().replace(second=0, microsecond=0)
        self.tonight.show_suggestion(
            suggestion, diary.night_on(self._today), diary.intakes_on(self._today), now
        )
        self.tonight.show_trial(trial_note)
        self.tonight.show_iron(iron_advice(diary.iron_results(), self._today))
        self.form.set_today(self._today)
        self.form.set_plan_limits(plan.ceiling_mg, product)
        # A new night starts at 0 mg where no magnesium is meant: any night of the baseline
        # period (the domain decides which), and a trial's nights without.
        baseline = analysis.baseline_dates(
            nights,
            self._today,
            plan.baseline_nights,
            tonight_too=suggestion.action is Action.BASELINE,
        )
        days = {self._today, self._today - timedelta(days=1)}
        self.form.set_no_magnesium_nights(baseline | self.trials.no_magnesium_nights(days))
        self.desk.follow()  # what undo, redo, Taken or another program changed
        self.history_tab.set_nights(nights)
        self.charts_tab.set_nights(nights, self._today, plan, product, trial)

    @property
    def history(self) -> HistoryPanel:
        return self.history_tab.panel()

    def show_history(self) -> None:
        self.history_tab.panel()
        self.tabs.setCurrentWidget(self.history_tab)

    @property
    def charts(self) -> ChartsPanel | None:
        return self.charts_tab.panel

    def load_charts(self) -> None:
        self.charts_tab.load()

    def show_charts(self) -> None:
        self.charts_tab.load()
        self.tabs.setCurrentWidget(self.charts_tab)

    def redraw_charts(self) -> None:
        """After a change of colours or text size."""
        self.charts_tab.redraw()

    # Slots

    def new_night(self) -> None:
        self.desk.new_night()

    def request_quit(self) -> None:
        self.quitting = True
        if self.close():
            self.quit_requested.emit()
        else:
            self.quitting = False

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
            message = _("The diary was changed by another program; this window now shows it.")
            if self.form.in_conflict:
                message = _("Another program changed the night you are editing: see the form.")
            self.statusBar().showMessage(message, 10_000)

    def _on_day_timer_timeout(self) -> None:
        today = evening_of(self.clock())
        if today != self._today:
            self._today = today
            self.refresh()
            if not self.form.is_dirty():
                self.desk.new_night()

    def show_help(self) -> None:
        from rlstracker.ui.help_dialog import HelpDialog  # QTextBrowser: only when asked for

        self.dialogs.run_dialog(HelpDialog(self._help_html, self))

    def show_about(self) -> None:
        from rlstracker.logs import log_folder
        from rlstracker.ui.about_dialog import AboutDialog

        logs = self.log_file.parent if self.log_file is not None else log_folder()
        self.dialogs.run_dialog(AboutDialog(self.diary.path.parent, logs, parent=self))

    # Window state

    def _restore_geometry(self) -> None:
        saved = self.diary.window_geometry()
        if saved:
            self.restoreGeometry(QByteArray(base64.b64decode(saved)))
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1180, int(screen.width() * 0.92)), min(800, int(screen.height() * 0.9)))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.desk.keep_unsaved(closing=True):
            event.ignore()
            return
        self.charts_tab.stop()
        self._day_timer.stop()
        self._outside_timer.stop()
        if not self.example and not self.read_only:  # nothing to keep, or nowhere to
            try:
                geometry = bytes(self.saveGeometry().data())
                self.diary.save_window_geometry(base64.b64encode(geometry).decode())
            except StorageError:
                pass  # losing the window position is not worth a message at closing time
        super().closeEvent(event)
        self.closed.emit()
