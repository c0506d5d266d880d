"""Editing an earlier night: the same form as every evening, in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from rlstracker.domain import language
from rlstracker.domain.forms import Product
from rlstracker.domain.language import _
from rlstracker.domain.models import Night
from rlstracker.domain.wording import full_day
from rlstracker.ui.dialogs import Dialogs
from rlstracker.ui.night_form import NightForm, with_actions_pinned
from rlstracker.ui.sizing import fit_to_screen

# Saves what the form holds against the version it loaded; True when saved.
SaveNight = Callable[[Night, NightForm], bool]


class NightEditDialog(QDialog):
    """Closes once the night is saved; stays open, saying why, when it can't be."""

    def __init__(
        self,
        night: Night,
        today: date,
        ceiling_mg: float | None,
        product: Product | None,
        save: SaveNight,
        dialogs: Dialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dialogs = dialogs
        # Translators: a window's title: "Edit the night of Tuesday 3 Nov 2026".
        self.setWindowTitle(
            _("Edit the night of {weekday} {date}").format(
                weekday=language.weekday(night.date), date=full_day(night.date)
            )
        )
        self._save = save
        self.form = NightForm(today)
        self.form.set_plan_limits(ceiling_mg, product)
        self.form.load(night, night.date)
        self.form.date_edit.setEnabled(False)  # another date would be another night
        area = with_actions_pinned(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.form.night_saved.connect(self._on_form_night_saved)
        # Ctrl+S wherever the focus is in the dialog (its scroll bar, its buttons), not only
        # inside the form.
        for shortcut in self.form.shortcuts:
            shortcut.setEnabled(False)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.form.save, Qt.ShortcutContext.WindowShortcut)
        fit_to_screen(self, 680, 700)

    def reject(self) -> None:
        """Close, Esc or the title bar's cross: typing that was not saved is asked about."""
        if self.form.is_dirty():
            answer = self._dialogs.ask_save(
                self,
                _("Save the night?"),
                _(
                    "You changed the night of {night} and have not saved it. Save it before "
                    "closing?"
                ).format(night=full_day(self.form.day)),
            )
            if answer == "save":
                self.form.save()  # closes the dialog once saved; stays, saying why, if not
                return
            if answer == "cancel":
                return
        super().reject()

    def _on_form_night_saved(self, night: Night) -> None:
        if self._save(night, self.form):
            self.accept()
