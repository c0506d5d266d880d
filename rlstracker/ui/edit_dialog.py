"""Editing an earlier night: the same form as every evening, in a dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from rlstracker.domain.forms import Product
from rlstracker.domain.models import Night
from rlstracker.ui.fields import scrolled
from rlstracker.ui.night_form import NightForm


class NightEditDialog(QDialog):
    """Accepted with `saved_night` set when the person saves."""

    def __init__(
        self,
        night: Night,
        today: date,
        ceiling_mg: float | None,
        product: Product | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit the night of {night.date:%A} {night.date.day} {night.date:%B}")
        self.setMinimumSize(640, 640)
        self.saved_night: Night | None = None
        self.form = NightForm(today)
        self.form.set_plan_limits(ceiling_mg, product)
        self.form.load(night, night.date)
        self.form.date_edit.setEnabled(False)  # another date would be another night
        area = scrolled(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.form.night_saved.connect(self._on_form_night_saved)

    def _on_form_night_saved(self, night: Night) -> None:
        self.saved_night = night
        self.accept()
