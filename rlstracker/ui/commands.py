"""Undoable changes to the diary: each knows how to do and undo itself.

Qt calls redo() when a command is pushed, and swallows exceptions raised in it. So the window
calls `apply()` first, where a storage error reaches it and nothing is pushed; the push then
skips its first redo(). Errors in later undo/redo go to `failed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from rlstracker.domain import language
from rlstracker.domain.language import _
from rlstracker.domain.models import Intake, Night
from rlstracker.domain.wording import mg
from rlstracker.storage import Diary, StorageError


def _day(night_date) -> str:
    """'Tue 3 Nov' ('Di. 3. Nov.'): short, for the Edit menu."""
    return (
        f"{language.weekday(night_date, short=True)} {language.day_month(night_date, short=True)}"
    )


class DiaryCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        diary: Diary,
        done: Callable[[], None],
        failed: Callable[[StorageError], None],
    ) -> None:
        super().__init__(text)
        self._diary, self._done, self._failed = diary, done, failed
        self._applied = False

    def apply(self) -> None:
        """Do it now; raises StorageError, in which case nothing changed."""
        self._do()
        self._applied = True
        self._done()

    def redo(self) -> None:
        if self._applied:  # the push after apply()
            self._applied = False
            return
        self._guarded(self._do)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except StorageError as error:
            self._failed(error)
        self._done()

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class SaveNightCommand(DiaryCommand):
    """Save `new` over `old`, the version the person edited (or nothing). If the diary holds
    another version by then, NightChangedError: nothing is written over unseen."""

    def __init__(self, diary: Diary, old: Night | None, new: Night, done, failed) -> None:
        # Translators: an undo step, shown after "Undo" in the Edit menu.
        text = _("save the night of {day}").format(day=_day(new.date))
        super().__init__(text, diary, done, failed)
        self._old, self._new = old, new

    def _do(self) -> None:
        self._diary.save_night(self._new, expected=self._old)

    def _undo(self) -> None:
        if self._old is None:
            self._diary.delete_night(self._new.date)
        else:
            self._diary.save_night(self._old)


class DeleteNightCommand(DiaryCommand):
    def __init__(self, diary: Diary, night: Night, done, failed) -> None:
        # Translators: an undo step, shown after "Undo" in the Edit menu.
        text = _("delete the night of {day}").format(day=_day(night.date))
        super().__init__(text, diary, done, failed)
        self._night = night

    def _do(self) -> None:
        self._diary.delete_night(self._night.date)

    def _undo(self) -> None:
        self._diary.save_night(self._night)


class TakenCommand(DiaryCommand):
    """Log an intake and add it to the night's dose, as one change."""

    def __init__(self, diary: Diary, intake: Intake, form: str | None, done, failed) -> None:
        # Translators: an undo step, shown after "Undo" in the Edit menu: "record 150 mg taken
        # at 21:30".
        text = _("record {dose} taken at {time}").format(
            dose=mg(intake.dose_mg), time=f"{intake.taken_at:%H:%M}"
        )
        super().__init__(text, diary, done, failed)
        self._intake, self._form = intake, form
        self._old: Night | None = None
        self._intake_id: int | None = None

    def _do(self) -> None:
        self._old = self._diary.night_on(self._intake.date)
        old = self._old or Night(date=self._intake.date)
        new = old.with_intake(self._intake.dose_mg, self._form)
        with self._diary.batch():
            self._intake_id = self._diary.add_intake(self._intake)
            self._diary.save_night(new)

    def _undo(self) -> None:
        with self._diary.batch():
            if self._intake_id is not None:
                self._diary.delete_intake(self._intake_id)
            if self._old is None:
                self._diary.delete_night(self._intake.date)
            else:
                self._diary.save_night(self._old)
