"""The app between windows: the tray icon where the desktop has one, and the evening reminder.
Speaks by signals; the launcher decides what a click opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from rlstracker.storage import Diary, StorageError
from rlstracker.ui.notifications import Notifier, platform_notifier
from rlstracker.ui.reminder_service import ReminderService
from rlstracker.ui.tray import Tray


class Background(QObject):
    open_requested = Signal()
    record_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        diary: Diary,
        icon: QIcon,
        clock: Callable[[], datetime] = datetime.now,
        window: Callable[[], QWidget | None] = lambda: None,
        notifier: Notifier | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.diary = diary
        self.tray = Tray(icon, self) if Tray.available() else None
        if notifier is None:
            notifier = platform_notifier(self.tray.icon if self.tray else None, self)
        self.reminders = ReminderService(diary, notifier, clock, window, self)
        self.reminders.open_requested.connect(self.open_requested)
        if self.tray is not None:
            self.tray.open_requested.connect(self.open_requested)
            self.tray.record_requested.connect(self.record_requested)
            self.tray.quit_requested.connect(self.quit_requested)

    def start(self) -> None:
        if self.tray is not None:
            self.tray.show()
        self.reminders.start()

    def stop(self) -> None:
        self.reminders.stop()
        if self.tray is not None:
            self.tray.hide()

    def reminders_on(self) -> bool:
        try:
            return self.diary.preferences().reminder_time is not None
        except StorageError:
            return False
