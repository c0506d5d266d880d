"""The night's diary: symptoms, sleep, side effects, warning signs and notes, for one date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.forms import Product
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.models import (
    MAX_NOTES_CHARS,
    RED_FLAG_LABELS,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    InvalidRecord,
    Night,
    RedFlag,
)
from rlstracker.domain.safety import SEEK_HELP
from rlstracker.ui.fields import DoseField, GradeField, ScaleField, severity_words, sleep_words
from rlstracker.ui.theme import style_role


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class NightForm(QWidget):
    """Emits `night_saved` with a valid Night; never saves anything itself."""

    night_saved = Signal(object)
    date_changed = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._ceiling_mg: float | None = None
        self._product: Product | None = None
        self._loaded: Night | None = None

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.setAccessibleName("Night of")
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_hint = QLabel("The evening the night begins; side effects are for the day after.")
        self.date_hint.setWordWrap(True)

        self.dose = DoseField("Magnesium taken that evening, mg elemental")
        self.severity = ScaleField("RLS symptoms that evening and night", severity_words)
        self.sleep = ScaleField("Sleep quality", sleep_words)
        severity_help = QLabel("0 = none, 10 = the worst imaginable")
        sleep_help = QLabel("0 = hardly slept, 10 = excellent")
        for label in (severity_help, sleep_help):
            label.setWordWrap(True)

        effects_box = QGroupBox("Side effects over the following day")
        effects_layout = QFormLayout(effects_box)
        self.grades = {effect: GradeField(effect) for effect in SIDE_EFFECTS}
        for effect, field in self.grades.items():
            effects_layout.addRow(f"{SIDE_EFFECT_NAMES[effect]}:", field)
        self.no_side_effects = QPushButton("&None of these")
        self.no_side_effects.setToolTip("Set all four to 0 (none)")
        effects_layout.addRow("", self.no_side_effects)

        flags_box = QGroupBox("Warning signs")
        flags_layout = QGridLayout(flags_box)
        self.flag_boxes = {flag: QCheckBox(RED_FLAG_LABELS[flag]) for flag in RedFlag}
        flags_layout.setColumnStretch(0, 1)
        for index, box in enumerate(self.flag_boxes.values()):
            flags_layout.addWidget(box, index, 0)
        self.flag_warning = QLabel(f"<b>{SEEK_HELP}</b>")
        self.flag_warning.setWordWrap(True)
        style_role(self.flag_warning, "seekHelp")
        self.flag_warning.hide()
        flags_layout.addWidget(self.flag_warning, len(self.flag_boxes), 0)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything worth remembering: a long drive, coffee, a walk…")
        self.notes.setMaximumHeight(110)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        style_role(self.problem_label, "formProblem")
        self.problem_label.setAccessibleName("Problem")
        self.save_button = QPushButton("&Save night")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save this night (Ctrl+S)")
        self.saved_label = QLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Night of:", self.date_edit)
        form.addRow("", self.date_hint)
        form.addRow("&Magnesium taken:", self.dose)
        form.addRow("RLS s&ymptoms:", self.severity)
        form.addRow("", severity_help)
        form.addRow("S&leep quality:", self.sleep)
        form.addRow("", sleep_help)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(effects_box)
        layout.addWidget(flags_box)
        notes_label = QLabel("N&otes:")
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.dose.changed.connect(self._refresh_problems)
        self.notes.textChanged.connect(self._refresh_problems)
        self.no_side_effects.clicked.connect(self._on_no_side_effects_clicked)
        for box in self.flag_boxes.values():
            box.toggled.connect(self._on_flag_toggled)
        self.save_button.clicked.connect(self._on_save_clicked)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_save_clicked)
        self.load(None, today)

    # What the window tells the form

    def set_today(self, today: date) -> None:
        self._today = today
        self.date_edit.setMaximumDate(to_qdate(today))

    def set_plan_limits(self, ceiling_mg: float | None, product: Product | None) -> None:
        self._ceiling_mg = ceiling_mg
        self._product = product
        self._refresh_problems()

    def load(self, night: Night | None, day: date) -> None:
        """Show `night` (or an empty night for `day`) for editing."""
        self._loaded = night
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(day))
        self.date_edit.blockSignals(False)
        night = night or Night(date=day)
        self.dose.set_value(night.dose_mg)
        self.severity.set_value(night.symptom_severity)
        self.sleep.set_value(night.sleep_quality)
        for effect, field in self.grades.items():
            field.set_value(night.grade(effect))
        for flag, box in self.flag_boxes.items():
            box.setChecked(flag in night.red_flags)
        self.notes.setPlainText(night.notes)
        self.saved_label.setText(
            "Saved earlier; change anything and save again." if self._loaded else ""
        )
        self._refresh_problems()

    @property
    def day(self) -> date:
        return from_qdate(self.date_edit.date())

    def night(self) -> Night:
        """The night as entered. Raises InvalidRecord when something is wrong."""
        problem = self.dose.problem()
        if problem:
            raise InvalidRecord([("dose_mg", problem)])
        dose = self.dose.value()
        return Night(
            date=self.day,
            dose_mg=dose,
            form=self._form_taken(dose),
            symptom_severity=self.severity.value(),
            sleep_quality=self.sleep.value(),
            red_flags=frozenset(f for f, box in self.flag_boxes.items() if box.isChecked()),
            notes=self.notes.toPlainText(),
            **{effect: field.value() for effect, field in self.grades.items()},
        )

    def _form_taken(self, dose: float | None) -> str | None:
        """The form already recorded for the night, else the product's when a dose was taken."""
        if not dose:
            return None
        if self._loaded is not None and self._loaded.form:
            return self._loaded.form
        return self._product.form if self._product else None

    # Slots

    def _on_date_edit_date_changed(self, _: QDate) -> None:
        self.date_changed.emit(self.day)

    def _on_no_side_effects_clicked(self) -> None:
        for field in self.grades.values():
            field.set_value(0)

    def _on_flag_toggled(self, _: bool) -> None:
        self.flag_warning.setVisible(any(b.isChecked() for b in self.flag_boxes.values()))

    def _on_save_clicked(self) -> None:
        try:
            night = self.night()
        except InvalidRecord as error:
            self.problem_label.setText(" ".join(why for _, why in error.problems))
            return
        self._loaded = night
        self.night_saved.emit(night)

    def mark_saved(self, text: str) -> None:
        self.saved_label.setText(text)

    def _refresh_problems(self) -> None:
        problems = []
        dose_problem = self.dose.problem()
        hint = ""
        if dose_problem:
            problems.append(dose_problem)
        else:
            dose = self.dose.value()
            if dose and self._ceiling_mg is not None and dose > self._ceiling_mg:
                hint = f"Above your plan's ceiling of {self._ceiling_mg:g} mg; kept as recorded."
            elif dose and self._product is not None:
                hint = Ladder.of(self._product).describe(dose) or ""
        if len(self.notes.toPlainText()) > MAX_NOTES_CHARS:
            problems.append(f"Notes can be at most {MAX_NOTES_CHARS:,} characters.")
        self.dose.hint.setText(hint)
        self.problem_label.setText(" ".join(problems))
        self.save_button.setEnabled(not problems)
