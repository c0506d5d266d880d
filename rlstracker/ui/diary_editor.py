"""Changing the diary from the window, with undo: save a night (against the version the form
loaded), record an intake, delete a night. Speaks by signals; the window wires it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from rlstracker.domain.language import _
from rlstracker.domain.models import Intake, InvalidRecord, Night
from rlstracker.domain.wording import full_day, mg
from rlstracker.storage import Diary, NightChangedError, StorageError
from rlstracker.ui.commands import DeleteNightCommand, DiaryCommand, SaveNightCommand, TakenCommand
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.night_form import NightForm


class DiaryEditor(QObject):
    """`changed` after the diary changed (the window refreshes); `status` with a line for the
    status bar."""

    changed = Signal()
    status = Signal(str, int)

    def __init__(
        self,
        diary: Diary,
        dialogs: Dialogs,
        clock: Callable[[], datetime],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.diary = diary
        self.dialogs = dialogs
        self.clock = clock
        self.window = parent
        self.undo_stack = QUndoStack(self)

    def _done(self) -> None:
        self.changed.emit()

    def _failed(self, error: StorageError) -> None:
        self.dialogs.warn(
            self.window,
            _("Could not save"),
            _("{error}\n\nYour entry is still in the form.").format(error=error),
        )

    def _run(self, command: DiaryCommand) -> bool:
        try:
            command.apply()
        except NightChangedError:
            raise
        except StorageError as error:
            self._failed(error)
            return False
        except InvalidRecord as error:
            self.dialogs.warn(
                self.window, _("Not saved"), " ".join(why for _unused, why in error.problems)
            )
            return False
        self.undo_stack.push(command)
        return True

    def save_night(self, night: Night, form: NightForm, retried: bool = False) -> bool:
        """Save what `form` holds against the version it loaded; True when saved. Another
        program's change in between is merged field by field, or shown to the person."""
        if form.base == night:
            form.mark_saved(night, _("Nothing changed."))
            return True
        command = SaveNightCommand(self.diary, form.base, night, self._done, self._failed)
        try:
            saved = self._run(command)
        except NightChangedError as changed:
            form.take(changed.theirs)
            if form.in_conflict or retried:
                return False
            return self.save_night(form.night(), form, retried=True)
        if saved:
            form.mark_saved(night, _("Saved at {time}.").format(time=f"{self.clock():%H:%M}"))
            self.status.emit(_("Saved the night of {day}.").format(day=full_day(night.date)), 5000)
        return saved

    def record_intake(self, intake: Intake) -> None:
        """Add an intake to the evening's dose; a second one in an evening asks first."""
        night = self.diary.night_on(intake.date)
        if (
            night is not None
            and night.took_magnesium
            and not self.dialogs.confirm(
                self.window,
                _("Another intake tonight?"),
                _("You have already recorded {dose} tonight: add another {more}?").format(
                    dose=mg(night.dose_mg or 0), more=mg(intake.dose_mg)
                ),
            )
        ):
            return
        product = self.diary.product_in_use()
        form = product.form if product else None
        if self._run(TakenCommand(self.diary, intake, form, self._done, self._failed)):
            self.status.emit(
                _("Recorded {dose} taken at {time}.").format(
                    dose=mg(intake.dose_mg), time=f"{intake.taken_at:%H:%M}"
                ),
                5000,
            )

    def record_none(self, day: date) -> None:
        """Record that no magnesium was taken on the evening `day` (0 mg), keeping the rest."""
        old = self.diary.night_on(day)
        new = dataclasses.replace(old or Night(date=day), dose_mg=0, form=None)
        if new == old:
            return
        try:
            saved = self._run(SaveNightCommand(self.diary, old, new, self._done, self._failed))
        except NightChangedError:  # another program wrote it just now: show theirs
            self.changed.emit()
            return
        if saved:
            self.status.emit(_("Recorded no magnesium on {day}.").format(day=full_day(day)), 5000)

    def delete(self, night: Night) -> None:
        if self._run(DeleteNightCommand(self.diary, night, self._done, self._failed)):
            self.status.emit(
                _("Deleted the night of {day}. Undo with Ctrl+Z.").format(day=full_day(night.date)),
                8000,
            )
