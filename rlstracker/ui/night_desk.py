"""Which night the diary form holds, and leaving it: New night, another date, an earlier night
in its own dialog, and never a night's unsaved typing lost on the way (Save, Discard or
Cancel)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from rlstracker.domain.language import _
from rlstracker.domain.models import Night
from rlstracker.domain.wording import full_day
from rlstracker.storage import Diary
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.diary_editor import DiaryEditor
from rlstracker.ui.night_form import NightForm

if TYPE_CHECKING:
    from rlstracker.ui.edit_dialog import NightEditDialog


class NightDesk(QObject):
    """`show_form` asks the window to bring the form's tab forward; `edited` names the night an
    edit dialog was opened for, once it closes."""

    show_form = Signal()
    edited = Signal(object)  # date

    def __init__(
        self,
        diary: Diary,
        form: NightForm,
        editor: DiaryEditor,
        dialogs: Dialogs,
        today: Callable[[], date],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.diary = diary
        self.form = form
        self.read_only = False
        self._editor = editor
        self._dialogs = dialogs
        self._today = today
        self._window = window
        self._editing: NightEditDialog | None = None
        form.date_changed.connect(self._on_form_date_changed)
        form.night_saved.connect(self._on_form_night_saved)

    def new_night(self) -> None:
        """The form on last night while it is not complete, else on tonight."""
        self.show_form.emit()
        last = self._today() - timedelta(days=1)
        recorded = self.diary.night_on(last)
        day = last if recorded is None or not recorded.is_complete else self._today()
        if day != self.form.day:
            if not self.keep_unsaved(day):
                return
            self.form.load(self.diary.night_on(day), day)
        self.form.focus_first()

    def keep_unsaved(self, going_to: date | None = None, *, closing: bool = False) -> bool:
        """Before the form's night is left (for the night `going_to`, another night, or to
        close the app): save it, drop the changes, or stay. True when the person may go on."""
        form = self.form
        if self.read_only or not form.is_dirty():
            return True
        night = full_day(form.day)
        if closing:
            question = _(
                "You changed the night of {night} and have not saved it. Save it before going to "
                "close RLS Tracker?"
            ).format(night=night)
        elif going_to is not None:
            question = _(
                "You changed the night of {night} and have not saved it. Save it before going to "
                "the night of {day}?"
            ).format(night=night, day=full_day(going_to))
        else:
            question = _(
                "You changed the night of {night} and have not saved it. Save it before going to "
                "another night?"
            ).format(night=night)
        answer = self._dialogs.ask_save(self._window, _("Save the night?"), question)
        if answer == "discard":
            return True
        if answer == "save":
            form.save()
            return not form.is_dirty()
        return False

    def follow(self) -> None:
        """The diary changed (undo, Taken, another program): the form, and an open edit
        dialog, take what changed field by field."""
        self.form.take(self.diary.night_on(self.form.day))
        if self._editing is not None:
            self._editing.form.take(self.diary.night_on(self._editing.form.day))

    def edit(self, night: Night) -> None:
        """An earlier night in a dialog of its own, over the window."""
        from rlstracker.ui.edit_dialog import NightEditDialog

        dialog = NightEditDialog(
            night,
            self._today(),
            self.diary.plan().ceiling_mg,
            self.diary.product_in_use(),
            self._editor.save_night,
            self._dialogs,
            self._window,
        )
        self._editing = dialog
        try:
            self._dialogs.run_dialog(dialog)
        finally:
            self._editing = None
        self.edited.emit(night.date)

    def _on_form_date_changed(self, day: date) -> None:
        if not self.keep_unsaved():
            self.form.revert_date()
            return
        self.form.load(self.diary.night_on(day), day)

    def _on_form_night_saved(self, night: Night) -> None:
        self._editor.save_night(night, self.form)
