"""Settings and clearances: open the dialog, save what it collected. Speaks by signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from rlstracker.domain.language import _
from rlstracker.domain.models import InvalidRecord
from rlstracker.domain.safety import CONCERN_LABELS, concerns
from rlstracker.domain.wording import full_day
from rlstracker.preferences import Preferences
from rlstracker.storage import Diary, StorageError
from rlstracker.ui.dialogs import Dialogs


def load_preferences(diary: Diary) -> Preferences:
    return diary.preferences()


class SettingsWorkflow(QObject):
    """`saved` after the plan, answers, product or a clearance changed; `preferences_changed`
    with the new Preferences; `status` with a line for the status bar."""

    saved = Signal()
    preferences_changed = Signal(object)
    status = Signal(str)

    def __init__(
        self, diary: Diary, dialogs: Dialogs, today: Callable[[], date], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.diary = diary
        self.dialogs = dialogs
        self.today = today
        self.window = parent

    def open(self, safety: bool = False) -> None:
        from rlstracker.ui.settings_dialog import SettingsDialog

        diary = self.diary
        dialog = SettingsDialog(
            self.today(),
            diary.plan(),
            diary.product_in_use(),
            diary.safety_answers(),
            load_preferences(diary),
            diary.iron_results(),
            diary.clearances(),
            self.window,
        )
        if safety:
            dialog.show_safety()

        def record_clearance() -> None:
            if self.record_clearance(dialog):
                dialog.set_clearances(diary.clearances())

        dialog.clearance_requested.connect(record_clearance)
        if self.dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.apply(dialog.result_value())

    def apply(self, result) -> None:  # a settings_dialog.SettingsResult
        prefs = result.preferences
        before = self.diary.preferences()
        try:
            self.diary.save_setup(result.setup, prefs)
        except StorageError as error:
            self.dialogs.warn(self.window, _("Settings not saved"), str(error))
            return
        if prefs.start_at_login != before.start_at_login:
            self._set_start_at_login(prefs.start_at_login)
        self.preferences_changed.emit(prefs)
        self.saved.emit()
        self.status.emit(_("Settings saved."))

    def _set_start_at_login(self, enabled: bool) -> None:
        from rlstracker import autostart
        from rlstracker.locations import data_dir

        folder = self.diary.path.parent
        default = data_dir(None, environ={}) == folder
        try:
            autostart.set_enabled(enabled, autostart.launch_arguments(None if default else folder))
        except OSError as error:
            self.dialogs.warn(
                self.window,
                _("Start at login not changed"),
                (
                    _("The login entry could not be written ({why}).")
                    if enabled
                    else _("The login entry could not be removed ({why}).")
                ).format(why=error.strerror),
            )

    def record_clearance(self, parent: QWidget) -> bool:
        """Ask for the date and note of a clearance and record it; True when recorded."""
        from rlstracker.ui.clearance_dialog import ClearanceDialog

        found = [CONCERN_LABELS[c] for c in concerns(self.diary.safety_answers())]
        dialog = ClearanceDialog(self.today(), self.diary.nights(), found, parent)
        if self.dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return False
        day, note = dialog.chosen()
        try:
            self.diary.record_clearance(day, self.today(), note)
        except StorageError as error:
            self.dialogs.warn(parent, _("Clearance not recorded"), str(error))
            return False
        except InvalidRecord as error:
            self.dialogs.warn(
                parent,
                _("Clearance not recorded"),
                " ".join(why for _unused, why in error.problems),
            )
            return False
        self.saved.emit()
        self.status.emit(_("Recorded the clearance of {day}.").format(day=full_day(day)))
        return True
