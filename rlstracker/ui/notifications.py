"""Desktop notifications, each platform's own way: on Linux the desktop's notification service
(org.freedesktop.Notifications over D-Bus, with the app's id, icon and actions where the
server has them); elsewhere the tray icon's message.

Qt's own D-Bus module can't send the specification's unsigned id from Python, so the message
goes over the session bus with jeepney (a small pure-Python D-Bus library). The server answers
on that same connection, which the Qt event loop watches."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from rlstracker import APP_ID, APP_NAME
from rlstracker.domain.language import _

log = logging.getLogger(__name__)

OPEN = "default"  # the action a click on the notification itself invokes
SNOOZE = "snooze"


class Notifier(QObject):
    """Shows a reminder; `opened` or `snoozed` when the person picks an action."""

    opened = Signal()
    snoozed = Signal()

    def show(self, title: str, body: str) -> bool:
        """True when the reminder was shown."""
        raise NotImplementedError

    def withdraw(self) -> None:
        """Take the reminder back if it is still up (the dose was recorded meanwhile)."""


class DesktopNotifier(Notifier):
    """org.freedesktop.Notifications on the session bus."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection: Any = None  # jeepney's DBusConnection, imported when first needed
        self._watch: QSocketNotifier | None = None
        self._shown_id: int | None = None
        self._actions = False

    def available(self) -> bool:
        """Connect to the session bus and ask the server what it can do."""
        if self._connection is not None:
            return True
        try:
            from jeepney import MatchRule, message_bus, new_method_call
            from jeepney.io.blocking import open_dbus_connection

            connection = open_dbus_connection(bus="SESSION")
            reply = connection.send_and_get_reply(
                new_method_call(_address(), "GetCapabilities"), timeout=3
            )
            # Servers that broadcast ActionInvoked (rather than send it to us alone) reach us
            # only through a match rule.
            rule = MatchRule(
                type="signal",
                interface="org.freedesktop.Notifications",  # not user text: D-Bus names
                path="/org/freedesktop/Notifications",
            )
            connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=3)
        except Exception as error:  # no bus, no server, a server that does not answer
            log.info("no desktop notification service: %s", type(error).__name__)
            return False
        self._connection = connection
        self._actions = "actions" in (reply.body[0] if reply.body else [])
        self._watch = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._on_watch_activated)
        return True

    def show(self, title: str, body: str) -> bool:
        if not self.available():
            return False
        from jeepney import new_method_call

        # Translators: the reminder's two buttons: open the app, or remind again in 30 minutes.
        actions = [OPEN, _("Open"), SNOOZE, _("In 30 minutes")] if self._actions else []
        message = new_method_call(
            _address(),
            "Notify",  # not user text: a D-Bus method
            "susssasa{sv}i",
            (
                APP_NAME,
                self._shown_id or 0,  # replaces the earlier one, if it is still up
                APP_ID,
                title,
                body,
                actions,
                {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)},  # not user text: hints
                0,  # stays until the person acts on it or the dose is recorded
            ),
        )
        try:
            reply = self._connection.send_and_get_reply(message, timeout=3)
            self._shown_id = int(reply.body[0])
        except Exception as error:
            log.warning("the notification could not be shown: %s", type(error).__name__)
            return False
        return True

    def withdraw(self) -> None:
        if self._connection is None or self._shown_id is None:
            return
        from jeepney import new_method_call

        message = new_method_call(_address(), "CloseNotification", "u", (self._shown_id,))
        try:
            self._connection.send_message(message)
        except Exception as error:
            log.info("the notification could not be withdrawn: %s", type(error).__name__)
        self._shown_id = None

    def _on_watch_activated(self) -> None:
        from jeepney import MessageType
        from jeepney.low_level import HeaderFields

        connection = self._connection
        if connection is None:
            return
        while True:
            try:
                message = connection.receive(timeout=0)
            except TimeoutError:
                return
            except Exception:
                log.info("the notification service went away")
                if self._watch is not None:
                    self._watch.setEnabled(False)
                self._connection = None
                return
            header = message.header
            if header.message_type != MessageType.signal or not message.body:
                continue
            member = header.fields.get(HeaderFields.member)
            if member == "ActionInvoked" and message.body[0] == self._shown_id:
                key = message.body[1]
                (self.opened if key == OPEN else self.snoozed).emit()


def _address():
    from jeepney import DBusAddress

    return DBusAddress(  # not user text: D-Bus names
        "/org/freedesktop/Notifications",
        bus_name="org.freedesktop.Notifications",
        interface="org.freedesktop.Notifications",
    )


class TrayNotifier(Notifier):
    """The tray icon's message: Windows and macOS, or a desktop with a tray and no
    notification service. A click on it opens the window."""

    def __init__(self, tray: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray
        tray.messageClicked.connect(self.opened)

    def show(self, title: str, body: str) -> bool:
        if not (QSystemTrayIcon.isSystemTrayAvailable() and self._tray.isVisible()):
            return False
        self._tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 60_000)
        return True


def platform_notifier(tray: QSystemTrayIcon | None, parent: QObject | None = None) -> Notifier:
    """The desktop's notification service on Linux and other freedesktop systems; the tray's
    message elsewhere, or where there is no service."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        desktop = DesktopNotifier(parent)
        if desktop.available() or tray is None:
            return desktop
    if tray is not None:
        return TrayNotifier(tray, parent)
    return DesktopNotifier(parent)
