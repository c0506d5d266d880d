"""The main window's menus and their keys; what each item does is given by the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from rlstracker.domain.language import _

Slot = Callable[[], object]


@dataclass(frozen=True)
class MenuSlots:
    new_night: Slot
    report: Slot
    import_csv: Slot
    export_csv: Slot
    restore: Slot
    back_up_to: Slot
    quit: Slot
    settings: Slot
    show_tonight: Slot
    show_charts: Slot
    show_history: Slot
    help: Slot
    about: Slot


class UndoWords(QObject):
    """Edit → Undo and Redo say the change as one message ("&Undo save the night of …"): Qt
    would glue its prefix to the change's words, which reads wrong in other languages. Set
    after Qt's own text (Qt connected first)."""

    def __init__(self, undo_action: QAction, redo_action: QAction, stack: QUndoStack) -> None:
        super().__init__(undo_action)
        self._undo_action, self._redo_action = undo_action, redo_action
        stack.undoTextChanged.connect(self._on_stack_undo_text_changed)
        stack.redoTextChanged.connect(self._on_stack_redo_text_changed)

    def _on_stack_undo_text_changed(self, change: str) -> None:
        # Translators: Edit → Undo with the change it undoes: "&Undo save the night of Tue 3 Nov".
        text = _("&Undo {change}").format(change=change) if change else _("&Undo")
        if shiboken6.isValid(self._undo_action):  # the stack outlives the window's actions
            self._undo_action.setText(text)

    def _on_stack_redo_text_changed(self, change: str) -> None:
        # Translators: Edit → Redo with the change it does again: "&Redo save the night of …".
        text = _("&Redo {change}").format(change=change) if change else _("&Redo")
        if shiboken6.isValid(self._redo_action):
            self._redo_action.setText(text)


class MainMenus:
    """File, Edit, View and Help, with the platform's standard keys where it has them."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack, slots: MenuSlots) -> None:
        self._window = window
        keys = QKeySequence.StandardKey
        action = self._action
        self.new_night_action = action(
            _("&New night"), slots.new_night, keys.New, _("Fill in the diary for last night")
        )
        self.import_action = action(_("&Import diary (CSV)…"), slots.import_csv)
        self.restore_action = action(_("Restore from a &backup…"), slots.restore)
        self.back_up_to_action = action(
            _("Back &up to…"),
            slots.back_up_to,
            tip=_("Copy your diary to another drive or a USB stick"),
        )
        self.export_action = action(_("&Export diary (CSV)…"), slots.export_csv, "Ctrl+E")
        self.report_action = action(
            _("&Print or save the report…"),
            slots.report,
            keys.Print,
            _("A report for your doctor"),
            fallback="Ctrl+P",
        )
        self.quit_action = action(_("&Quit"), slots.quit, keys.Quit, fallback="Ctrl+Q")
        self.file_menu = self._menu(
            _("&File"),
            [
                self.new_night_action,
                None,
                self.report_action,
                None,
                self.import_action,
                self.export_action,
                self.restore_action,
                self.back_up_to_action,
                None,
                self.quit_action,
            ],
        )
        self.undo_action = undo_stack.createUndoAction(window, _("&Undo"))
        self.undo_action.setShortcut(keys.Undo)
        self.redo_action = undo_stack.createRedoAction(window, _("&Redo"))
        # The platform's Redo key is Ctrl+Y on some desktops and Ctrl+Shift+Z on others: both work.
        redo_keys = [QKeySequence(keys.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self._undo_words = UndoWords(self.undo_action, self.redo_action, undo_stack)
        self.settings_action = action(
            _("&Settings…"), slots.settings, keys.Preferences, fallback="Ctrl+,"
        )
        self._menu(_("&Edit"), [self.undo_action, self.redo_action, None, self.settings_action])
        self._menu(
            _("&View"),
            [
                action(_("&Tonight"), slots.show_tonight, "Ctrl+1"),
                action(_("&Charts"), slots.show_charts, "Ctrl+2"),
                action(_("&History"), slots.show_history, "Ctrl+3"),
            ],
        )
        self.help_action = action(
            _("&How the guide works"), slots.help, keys.HelpContents, fallback="F1"
        )
        self.about_action = action(_("&About RLS Tracker"), slots.about)
        self.help_menu = self._menu(_("&Help"), [self.help_action, self.about_action])

    def _action(
        self,
        text: str,
        slot: Slot,
        keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        fallback: str = "",
    ) -> QAction:
        made = QAction(text, self._window)
        if keys is not None:
            made.setShortcut(QKeySequence(keys))
        if made.shortcut().isEmpty() and fallback:  # no platform standard for it here
            made.setShortcut(QKeySequence(fallback))
        if tip:
            made.setStatusTip(tip)
        made.triggered.connect(slot)
        return made

    def _menu(self, title: str, items: list[QAction | None]):
        menu = self._window.menuBar().addMenu(title)
        for item in items:
            menu.addSeparator() if item is None else menu.addAction(item)
        return menu

    def set_read_only(self, read_only: bool) -> None:
        """Nothing that writes the diary: no import, no settings, no restore."""
        for item in (self.import_action, self.settings_action, self.restore_action):
            item.setEnabled(not read_only)
