"""The evening reminder at work: a look at the clock every minute, the reminder shown once an
evening through the desktop's notifications (or the window, or at the next opening)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from rlstracker.domain.models import evening_of
from rlstracker.domain.reminders import (
    after_shown,
    after_snooze,
    is_answered,
    is_due,
    reminder_text,
)
from rlstracker.domain.trial import guide, tonight_answer
from rlstracker.storage import Diary, StorageError
from rlstracker.ui.notifications import Notifier

log = logging.getLogger(__name__)
LOOK_EVERY_MS = 60_000


class ReminderService(QObject):
    """`open_requested` when the person chose *Open* on the reminder."""

    open_requested = Signal()
    shown = Signal(str, str)  # title, body: what the reminder said

    def __init__(
        self,
        diary: Diary,
        notifier: Notifier,
        clock: Callable[[], datetime] = datetime.now,
        window: Callable[[], QWidget | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._diary = diary
        self._notifier = notifier
        self._clock = clock
        self._window = window
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._running = False
        self._up_for: date | None = None  # the evening whose reminder is still up
        notifier.opened.connect(self._on_notifier_opened)
        notifier.snoozed.connect(self._on_notifier_snoozed)

    def start(self) -> None:
        """Look now (a start or a wake-up may find the reminder due), then every minute."""
        self._running = True
        self._timer.start(LOOK_EVERY_MS)
        QTimer.singleShot(0, self, self.check)

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def check(self) -> bool:
        """Show the reminder if it is due; True when it was shown."""
        if not self._running:
            return False
        diary = self._diary
        now = self._clock()
        try:
            preferences = diary.preferences()
            evening = evening_of(now)
            if self._up_for is not None and is_answered(
                now, self._up_for, diary.night_on(self._up_for)
            ):
                self._take_back()  # recorded meanwhile, or the evening is over
            if not is_due(
                now, preferences.reminder_time, diary.reminder_state(), diary.night_on(evening)
            ):
                return False
            # During a trial, its schedule (safety rules first): never the plain guide's dose.
            # Read only: a blind trial that has ended is revealed here in memory alone.
            trial_evening = diary.trial_evening(evening, write=False)
            suggestion = tonight_answer(
                trial_evening.trial,
                guide(
                    diary.plan(),
                    diary.safety_answers(),
                    trial_evening.nights,
                    diary.product_in_use(),
                    diary.clearances(),
                ),
                evening,
            )
        except StorageError as error:  # busy or gone: the next look tries again
            log.warning("reminder: the diary could not be read (%s)", type(error).__name__)
            return False
        title, body = reminder_text(suggestion)
        if not self._notifier.show(title, body):
            window = self._window()
            if window is None:
                # Nowhere to show it: it stays due, and the next opening this evening shows it.
                log.info("reminder due at %s with nowhere to show it", now.strftime("%H:%M"))
                return False
            window.showNormal()
            window.raise_()
            window.activateWindow()
        else:
            self._up_for = evening
        log.info("reminder shown for the evening of %s", evening.isoformat())
        self._save(after_shown(now))
        self.shown.emit(title, body)
        return True

    def _on_notifier_opened(self) -> None:
        self._take_back()  # answered: the window is open on tonight's night
        self.open_requested.emit()

    def _on_notifier_snoozed(self) -> None:
        self._take_back()  # it comes again in 30 minutes
        self._save(after_snooze(self._clock()))

    def _take_back(self) -> None:
        self._notifier.withdraw()
        self._up_for = None

    def _save(self, state) -> None:  # a ReminderState
        try:
            self._diary.save_reminder_state(state)
        except StorageError as error:
            log.warning("reminder: its state could not be kept (%s)", type(error).__name__)
