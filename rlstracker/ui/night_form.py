"""The night's diary: symptoms, sleep, side effects, warning signs and notes, for one date.

The form remembers the version of the night it loaded (`base`): the window saves against it,
so that another program's change to the same night is never written over unseen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
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
from rlstracker.domain.language import N_, _, number
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
from rlstracker.domain.wording import joined, mg
from rlstracker.ui.fields import (
    DoseField,
    GradeField,
    ScaleField,
    SettledDate,
    point_buddies_at_proxies,
    reveal,
    scrolled,
    severity_words,
    sleep_words,
    to_qdate,
)
from rlstracker.ui.theme import style_role
from rlstracker.ui.wrapped_check_box import WrappedCheckBox

# Marked here, translated where said.
NOTHING_RECORDED = N_("Nothing recorded yet: fill in at least one field, then save.")
SAVED_EARLIER = N_("Saved earlier; change anything and save again.")
_FIELD_WORDS = {
    "dose": N_("dose"),
    "severity": N_("symptom score"),
    "sleep": N_("sleep score"),
    "flags": N_("warning signs"),
    "notes": N_("notes"),
}


def field_words(name: str) -> str:
    """A field of the form as a sentence names it ('symptom score', 'nausea')."""
    if name in SIDE_EFFECTS:
        return SIDE_EFFECT_NAMES[name].lower()
    return _(_FIELD_WORDS[name]) if name in _FIELD_WORDS else name


class NightForm(QWidget):
    """Emits `night_saved` with a valid Night; never saves anything itself."""

    night_saved = Signal(object)
    date_changed = Signal(object)
    edited = Signal()
    # Why Save did nothing, for the status bar: the field it is about gets the focus too.
    not_saved = Signal(str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._ceiling_mg: float | None = None
        self._product: Product | None = None
        self._loaded: Night | None = None
        self._theirs: Night | None = None
        self._status = ""
        self._read_only = False
        self._day = today
        self._no_magnesium: frozenset[date] = frozenset()

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        # Translators: a Qt date format (dddd: the weekday, d: the day, MMMM: the month, yyyy:
        # the year); order it as your language writes a date, such as "dddd, d. MMMM yyyy".
        self.date_edit.setDisplayFormat(_("dddd d MMMM yyyy"))
        self.date_edit.setAccessibleName(_("Night of"))
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_hint = QLabel(
            _("The evening the night begins; side effects are for the day after.")
        )
        self.date_hint.setWordWrap(True)

        self.dose = DoseField(_("Magnesium taken that evening, mg elemental"))
        self.severity = ScaleField(_("RLS symptoms that evening and night"), severity_words)
        self.sleep = ScaleField(_("Sleep quality"), sleep_words)
        severity_help = QLabel(_("0 = none, 10 = the worst imaginable"))
        sleep_help = QLabel(_("0 = hardly slept, 10 = excellent"))
        for label in (severity_help, sleep_help):
            label.setWordWrap(True)

        effects_box = QGroupBox(_("Side effects over the following day"))
        effects_layout = QFormLayout(effects_box)
        effects_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.grades = {effect: GradeField(effect) for effect in SIDE_EFFECTS}
        for effect, field in self.grades.items():
            # Translators: a label before its field ("Nausea:"); French puts a space before ":".
            effect_label = _("{name}:").format(name=SIDE_EFFECT_NAMES[effect])
            effects_layout.addRow(effect_label, field)
        self.no_side_effects = QPushButton(_("No si&de effects"))
        self.no_side_effects.setToolTip(_("Set all four to 0 (none)"))
        effects_layout.addRow("", self.no_side_effects)

        flags_box = QGroupBox(_("Warning signs"))
        flags_layout = QGridLayout(flags_box)
        self.flag_boxes = {flag: WrappedCheckBox(RED_FLAG_LABELS[flag]) for flag in RedFlag}
        flags_layout.setColumnStretch(0, 1)
        for index, box in enumerate(self.flag_boxes.values()):
            flags_layout.addWidget(box, index, 0)
        self.flag_warning = QLabel(f"<b>{_(SEEK_HELP)}</b>")
        self.flag_warning.setWordWrap(True)
        style_role(self.flag_warning, "seekHelp")
        self.flag_warning.hide()
        flags_layout.addWidget(self.flag_warning, len(self.flag_boxes), 0)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setPlaceholderText(
            _("Anything worth remembering: a long drive, coffee, a walk…")
        )
        self.notes.setMaximumHeight(110)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        style_role(self.problem_label, "formProblem")
        self.problem_label.setAccessibleName(_("Problem"))
        self.save_button = QPushButton(_("&Save night"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save this night (Ctrl+S)"))
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)

        # Shown when another program changed this night while it had unsaved edits here.
        self.conflict = QFrame()
        style_role(self.conflict, "seekHelpBanner")
        self.conflict_text = QLabel()
        self.conflict_text.setWordWrap(True)
        self.keep_mine = QPushButton(_("&Keep mine"))
        self.keep_mine.setToolTip(_("Save what this form shows over the other program's change"))
        self.take_theirs = QPushButton(_("&Use theirs"))
        self.take_theirs.setToolTip(_("Show the night as the other program saved it"))
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addWidget(self.keep_mine)
        conflict_buttons.addWidget(self.take_theirs)
        conflict_buttons.addStretch(1)
        conflict_layout = QVBoxLayout(self.conflict)
        conflict_layout.addWidget(self.conflict_text)
        conflict_layout.addLayout(conflict_buttons)
        self.conflict.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # On a narrow screen or with large text, a field goes under its label, not off-screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Night of:"), self.date_edit)
        form.addRow("", self.date_hint)
        form.addRow(_("&Magnesium taken:"), self.dose)
        form.addRow(_("RLS sym&ptoms:"), self.severity)
        form.addRow("", severity_help)
        form.addRow(_("Sleep &quality:"), self.sleep)
        form.addRow("", sleep_help)
        point_buddies_at_proxies(form)
        # What Save did or why it can't, under the button: beside it, in a narrow window, the
        # words wrapped into a column a word wide. The whole bar is placed by the form's
        # container below the scrolling fields (with_actions_pinned), always in sight.
        self.save_bar = QWidget()
        buttons = QVBoxLayout(self.save_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        buttons.addLayout(save_row)
        buttons.addWidget(self.problem_label)
        buttons.addWidget(self.saved_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.conflict)
        layout.addLayout(form)
        layout.addWidget(effects_box)
        layout.addWidget(flags_box)
        notes_label = QLabel(_("N&otes:"))
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        layout.addStretch(1)

        self._settled_date = SettledDate(self.date_edit)
        self._settled_date.changed.connect(self.date_changed)
        self.dose.changed.connect(self._on_field_changed)
        self.notes.textChanged.connect(self._on_field_changed)
        self.severity.value_changed.connect(self._on_field_changed)
        self.sleep.value_changed.connect(self._on_field_changed)
        for field in self.grades.values():
            field.currentIndexChanged.connect(self._on_field_changed)
        self.no_side_effects.clicked.connect(self._on_no_side_effects_clicked)
        for box in self.flag_boxes.values():
            box.toggled.connect(self._on_flag_toggled)
        self.save_button.clicked.connect(self.save)
        self.keep_mine.clicked.connect(self._on_keep_mine_clicked)
        self.take_theirs.clicked.connect(self._on_take_theirs_clicked)
        self.shortcuts = []
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
            self.shortcuts.append(shortcut)
        self.load(None, today)

    # What the window tells the form

    def set_read_only(self, read_only: bool) -> None:
        """A diary that can't be written: the form still shows nights, but never offers to
        save, whatever is typed or loaded later."""
        self._read_only = read_only
        self._refresh_problems()

    def set_today(self, today: date) -> None:
        self._today = today
        self.date_edit.setMaximumDate(to_qdate(today))

    def set_no_magnesium_nights(self, days: frozenset[date]) -> None:
        """Nights the guide asks to be without magnesium (the baseline): a new one starts at
        0 mg, so that a night recorded with only a score still counts as a baseline night."""
        if days == self._no_magnesium:
            return
        untouched = not self.is_dirty()
        self._no_magnesium = days
        if untouched and not self.in_conflict:
            self._fill(self._shown(self._loaded))
            self._refresh_problems()

    def set_plan_limits(self, ceiling_mg: float | None, product: Product | None) -> None:
        self._ceiling_mg = ceiling_mg
        self._product = product
        self._refresh_problems()

    def load(self, night: Night | None, day: date) -> None:
        """Show `night` (or an empty night for `day`) for editing; it becomes the base."""
        self._loaded = night
        self._day = day
        self._theirs = None
        self.conflict.hide()
        self.revert_date()
        self._fill(self._shown(night))
        self._status = SAVED_EARLIER if night else ""
        self._refresh_problems()

    def _fill(self, values: dict[str, object]) -> None:
        widgets = [self.dose, self.notes, self.severity, self.sleep, *self.grades.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.dose.edit.setText(str(values["dose"]))
        for effect, field in self.grades.items():
            field.set_value(values[effect])  # type: ignore[arg-type]
        flags = values["flags"]
        assert isinstance(flags, frozenset)
        for flag, box in self.flag_boxes.items():
            box.setChecked(flag in flags)
        self.notes.setPlainText(str(values["notes"]))
        for widget in widgets:
            widget.blockSignals(False)
        # Set with their signals on: the words beside the scales follow.
        self.severity.set_value(values["severity"])  # type: ignore[arg-type]
        self.sleep.set_value(values["sleep"])  # type: ignore[arg-type]

    def focus_first(self) -> None:
        """The focus on the first thing an evening's entry needs: the symptoms."""
        self.severity.setFocus()

    @property
    def day(self) -> date:
        """The night the form holds (the date field may already show another, chosen but not
        yet loaded)."""
        return self._day

    def revert_date(self) -> None:
        """The date field back on the night the form holds, without a signal."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(to_qdate(self._day))
        self.date_edit.blockSignals(False)

    @property
    def base(self) -> Night | None:
        """The version of the night this form was loaded from (None: a new night)."""
        return self._loaded

    def _entered(self) -> dict[str, object]:
        """What the fields hold, field by field, in the terms `_shown` gives a night."""
        entered: dict[str, object] = {
            "dose": self._dose_entered(),
            "severity": self.severity.value(),
            "sleep": self.sleep.value(),
            "flags": frozenset(f for f, box in self.flag_boxes.items() if box.isChecked()),
            "notes": self.notes.toPlainText(),
        }
        entered.update({effect: field.value() for effect, field in self.grades.items()})
        return entered

    def _dose_entered(self) -> str:
        """The amount as `_shown` writes it ("00" and "0.0" are 0), or the text as typed when it
        is not a valid amount."""
        if self.dose.problem() is not None:
            return self.dose.text()
        value = self.dose.value()
        return "" if value is None else number(value)

    def _shown(self, night: Night | None) -> dict[str, object]:
        """What the fields would hold for `night` (None: nothing recorded yet)."""
        new = night is None
        night = night or Night(date=self.day)
        if new and self.day in self._no_magnesium:
            dose = "0"
        else:
            dose = "" if night.dose_mg is None else number(night.dose_mg)
        shown: dict[str, object] = {
            "dose": dose,
            "severity": night.symptom_severity,
            "sleep": night.sleep_quality,
            "flags": frozenset(night.red_flags),
            "notes": night.notes,
        }
        shown.update({effect: night.grade(effect) for effect in self.grades})
        return shown

    def is_dirty(self) -> bool:
        """Something was typed or chosen that the diary does not hold yet."""
        return self._entered() != self._shown(self._loaded)

    def take(self, theirs: Night | None) -> None:
        """The diary now holds `theirs` for this form's night (another program, an undo, a
        dose recorded as taken). Field by field: what the person has not touched here takes
        theirs; what they changed here stays. Only where both changed the same field
        differently does the form say so and ask which to keep."""
        if (theirs == self._loaded and not self.in_conflict) or (
            self.in_conflict and theirs == self._theirs
        ):
            return
        base, mine, other = self._shown(self._loaded), self._entered(), self._shown(theirs)
        merged: dict[str, object] = {}
        clashes: list[str] = []
        for name, was in base.items():
            if mine[name] == was or mine[name] == other[name]:
                merged[name] = other[name]
            elif other[name] == was:
                merged[name] = mine[name]
            else:
                merged[name] = mine[name]
                clashes.append(name)
        self._fill(merged)
        if clashes:
            self._show_conflict(theirs, clashes)
            return
        self._loaded = theirs
        self._theirs = None
        self.conflict.hide()
        untouched = merged == other
        self._status = _(SAVED_EARLIER) if untouched and theirs is not None else ""
        self._refresh_problems()

    def _show_conflict(self, theirs: Night | None, clashes: list[str]) -> None:
        """Both changed the same fields: the form keeps the person's, takes the other
        program's everywhere else, and asks."""
        self._theirs = theirs
        if theirs is None:
            text = _(
                "<b>Another program deleted this night while you were editing it.</b> Keep what "
                "you typed here (it replaces theirs), or use theirs (what you typed is dropped)?"
            )
        else:
            names = joined([field_words(name) for name in clashes])
            text = _(
                "<b>Another program saved another {fields} for this night while you were "
                "editing it.</b> Keep what you typed here (it replaces theirs), or use theirs "
                "(what you typed is dropped)?"
            ).format(fields=names)
        self.conflict_text.setText(text)
        self.conflict.show()
        self._refresh_problems()
        reveal(self.keep_mine)

    @property
    def in_conflict(self) -> bool:
        return self.conflict.isVisible()

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

    def _on_no_side_effects_clicked(self) -> None:
        for field in self.grades.values():
            field.set_value(0)

    def _on_flag_toggled(self, _: bool) -> None:
        self.flag_warning.setVisible(any(b.isChecked() for b in self.flag_boxes.values()))

    def save(self) -> None:
        """Emit the night to be saved; or show, where the eye is, why it can't be."""
        if self._read_only:
            return
        if self.in_conflict:
            self.not_saved.emit(_("Not saved: choose whose changes to keep first."))
            reveal(self.keep_mine)
            return
        problem = self.dose.problem()
        if problem:
            self.not_saved.emit(_("Not saved: {why}").format(why=problem))
            reveal(self.dose.edit)
            return
        if len(self.notes.toPlainText()) > MAX_NOTES_CHARS:
            self.not_saved.emit(
                _("Not saved: notes can be at most {most} characters.").format(
                    most=number(MAX_NOTES_CHARS, grouped=True)
                )
            )
            reveal(self.notes)
            return
        try:
            night = self.night()
        except InvalidRecord as error:
            why = " ".join(why for _unused, why in error.problems)
            self.problem_label.setText(why)
            self.not_saved.emit(_("Not saved: {why}").format(why=why))
            reveal(self.save_button)
            return
        if night.is_empty:
            self.saved_label.setText(_(NOTHING_RECORDED))
            self.not_saved.emit(_("Not saved. {why}").format(why=_(NOTHING_RECORDED)))
            reveal(self.severity.spin)
            return
        self.night_saved.emit(night)

    def mark_saved(self, night: Night, text: str) -> None:
        """The window saved `night`: it is the new base."""
        self._loaded = night
        self._status = text
        self._refresh_problems()

    def _on_field_changed(self, *_args: object) -> None:
        self._refresh_problems()
        self.edited.emit()

    def _on_keep_mine_clicked(self) -> None:
        self._loaded = self._theirs
        self._theirs = None
        self.conflict.hide()
        self.save()

    def _on_take_theirs_clicked(self) -> None:
        theirs = self._theirs
        self.load(theirs, self.day)
        self._status = (
            _("Showing what the other program saved; your changes were dropped.")
            if theirs is not None
            else _("The other program deleted this night; your changes were dropped.")
        )
        self._refresh_problems()

    def _refresh_problems(self) -> None:
        problems = []
        dose_problem = self.dose.problem()
        hint = ""
        if dose_problem:
            hint = dose_problem  # beside the field it is about
            problems.append(_("The magnesium amount needs fixing (see above)."))
        else:
            dose = self.dose.value()
            if dose and self._ceiling_mg is not None and dose > self._ceiling_mg:
                hint = _("Above your plan's ceiling of {ceiling}; kept as recorded.").format(
                    ceiling=mg(self._ceiling_mg)
                )
            elif dose and self._product is not None:
                hint = Ladder.of(self._product).describe(dose) or ""
            elif dose == 0 and self.day in self._no_magnesium:
                hint = _(
                    "0 mg: a night without magnesium, as the guide asks before the first dose."
                )
            elif dose == 0:
                hint = _("0 mg: no magnesium that evening.")
        if len(self.notes.toPlainText()) > MAX_NOTES_CHARS:
            problems.append(
                _("Notes can be at most {most} characters.").format(
                    most=number(MAX_NOTES_CHARS, grouped=True)
                )
            )
        self.dose.set_hint(hint)
        style_role(self.dose.hint, "formProblem" if dose_problem else "plain")
        self.problem_label.setText(" ".join(problems))
        self.problem_label.setVisible(bool(problems))
        empty = False
        if not problems:
            try:
                empty = self.night().is_empty
            except InvalidRecord:
                empty = False
        dirty = self.is_dirty()
        if self.in_conflict:
            status = ""
        elif empty:
            status = _(NOTHING_RECORDED)
        elif dirty and self._loaded is not None:
            status = _("Changed here, not saved yet.")
        elif dirty:
            status = _("Not saved yet.")
        else:
            status = self._status
        self.saved_label.setText(status)
        self.saved_label.setVisible(bool(status))
        self.save_button.setEnabled(not problems and not empty and not self._read_only)
        if self._read_only:
            tip = _("This diary is read-only")
        else:
            tip = _(NOTHING_RECORDED) if empty else _("Save this night (Ctrl+S)")
        self.save_button.setToolTip(tip)


def with_actions_pinned(form: NightForm) -> QWidget:
    """The form's fields scrolling, with Save and what it said pinned below them: on a small
    screen or with large text, Save stays in sight without scrolling."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scrolled(form), 1)
    layout.addWidget(form.save_bar)
    QWidget.setTabOrder(form.notes, form.save_button)  # Tab from the notes reaches Save
    return box
