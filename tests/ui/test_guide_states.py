"""The guide's states (rules v2) as the window shows them, and what the person can do there."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.iron import IronResult
from rlstracker.domain.models import RedFlag
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import AgeGroup, Kidney
from rlstracker.storage import Diary
from rlstracker.ui.clearance_dialog import ClearanceDialog
from rlstracker.ui.settings_dialog import SAFETY_TAB, SettingsDialog
from tests.domain.builders import SAFE, night, safe_answers
from tests.ui.conftest import NOW

TODAY = NOW.date()


def diary_with(diary: Diary, doses, answers=SAFE, plan=None, **changes) -> Diary:
    """A diary whose nights end last night, a baseline week first."""
    diary.save_safety_answers(answers)
    diary.save_plan(plan or Plan())
    diary.mark_set_up()
    days = [0] * 7 + list(doses)
    first = TODAY - timedelta(days=len(days))
    for offset, dose in enumerate(days):
        diary.save_night(night(first + timedelta(days=offset), dose, severity=6 if not dose else 5))
    for back, fields in changes.items():
        day = TODAY - timedelta(days=int(back.removeprefix("night_")))
        diary.save_night(dataclasses.replace(diary.night_on(day), **fields))
    return diary


def test_a_warning_sign_holds_the_guide_until_a_clearance_is_recorded(
    qtbot, diary, window_for, dialogs
):
    diary_with(diary, [100] * 10, night_5={"red_flags": {RedFlag.FAINTING}})
    window = window_for(diary)
    panel = window.tonight
    assert panel.title.text() == "Stop for now"
    assert panel.dose_label.text() == "No magnesium tonight"
    assert "until a clinician has said it is safe" in panel.reasons.text()
    assert panel.clearance_button.isVisible()
    assert not panel.taken_box.isVisible()

    def record(dialog) -> int:
        assert isinstance(dialog, ClearanceDialog)
        assert "fainting" in dialog.covers.text()
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))
        qtbot.keyClicks(dialog.note, "GP checked my heart: fine")
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = record
    qtbot.mouseClick(panel.clearance_button, Qt.MouseButton.LeftButton)
    assert panel.title.text() != "Stop for now"
    assert not panel.clearance_button.isVisible()
    (clearance,) = diary.clearances()
    assert clearance.date == TODAY - timedelta(days=1)
    assert "Recorded the clearance" in window.statusBar().currentMessage()


def test_missing_answers_ask_for_them_and_the_settings_take_them(qtbot, diary, window_for, dialogs):
    diary.mark_set_up()
    window = window_for(diary)
    panel = window.tonight
    assert panel.title.text() == "Talk to your clinician first"
    assert panel.answer_button.isVisible() and not panel.confirm_button.isVisible()
    assert "not answered" in panel.warnings.text()

    def fill(dialog) -> int:
        assert isinstance(dialog, SettingsDialog)
        assert dialog.tabs.currentIndex() == SAFETY_TAB
        form = dialog.safety_form
        for group in (form.kidney, form.heart, form.pregnant, form.age):
            assert group.buttons.checkedButton() is None  # no default answers
        form.kidney.buttons.buttons()[0].click()
        form.heart.buttons.buttons()[0].click()
        form.pregnant.buttons.buttons()[0].click()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and "your age group" in dialog.problem.text()
        form.age.buttons.buttons()[1].click()
        form.no_medicines.click()
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = fill
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    answers = diary.safety_answers()
    assert (answers.kidney, answers.age_group, answers.medicines) == (
        Kidney.NONE,
        AgeGroup.ADULT,
        frozenset(),
    )
    assert answers.answered_on == answers.confirmed_on == TODAY
    assert panel.title.text() == "No magnesium yet: baseline night"


def test_answers_more_than_a_year_old_ask_to_be_confirmed(qtbot, diary, window_for, dialogs):
    old = safe_answers(on=TODAY - timedelta(days=400))
    diary_with(diary, [100] * 7, answers=old)
    window = window_for(diary)
    panel = window.tonight
    assert panel.title.text() == "Talk to your clinician first"
    assert panel.confirm_button.isVisible() and not panel.answer_button.isVisible()
    assert "more than a year ago" in panel.reasons.text()

    def confirm(dialog) -> int:
        assert dialog.safety_form.confirm.isVisible()
        dialog.safety_form.confirm.click()
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = confirm
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    answers = diary.safety_answers()
    assert (answers.answered_on, answers.confirmed_on) == (old.answered_on, TODAY)
    assert panel.title.text() == "Go up one step"


def test_iron_is_asked_for_and_low_iron_is_said(qtbot, diary, window_for):
    diary_with(diary, [100] * 3)
    window = window_for(diary)
    assert "Ask your clinician for both" in window.tonight.iron.text()
    diary.save_iron_result(IronResult(TODAY - timedelta(days=3), 60, 25))
    window.refresh()
    assert "Guidelines recommend discussing iron treatment" in window.tonight.iron.text()
    diary.save_iron_result(IronResult(TODAY - timedelta(days=1), 120, 30))
    window.refresh()
    assert window.tonight.iron.isHidden()


def test_whole_units_on_tonight_and_in_record_as_taken(qtbot, diary, window_for):
    diary_with(diary, [100] * 7)
    diary.use_product(Product("Caps 100", "citrate", 100, LabelBasis.ELEMENTAL, "capsule"))
    window = window_for(diary)
    panel = window.tonight
    assert panel.title.text() == "Go up one step"
    assert panel.dose_label.text() == "200 mg of magnesium"
    assert panel.units_label.text() == "2 capsules = 200 mg"
    assert panel.taken_dose.text() == "200"  # what the units give, not 150
    qtbot.mouseClick(panel.taken_button, Qt.MouseButton.LeftButton)
    assert diary.night_on(TODAY).dose_mg == 200


def test_the_plan_page_says_when_a_unit_is_bigger_than_a_step(qtbot, diary, window_for, dialogs):
    diary_with(diary, [100] * 2)
    diary.use_product(Product("Caps 100", "citrate", 100, LabelBasis.ELEMENTAL, "capsule"))
    window = window_for(diary)

    def look(dialog) -> int:
        note = dialog.plan_form.units_note
        assert note.isVisibleTo(dialog.plan_form)
        assert "bigger than a step (50 mg)" in note.text()
        dialog.plan_form.step.setValue(100)
        assert "bigger than a step" not in note.text()
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = look
    window.open_settings()


def test_the_ceilings_approval_is_its_own_setting_and_can_be_withdrawn(
    qtbot, diary, window_for, dialogs
):
    diary_with(diary, [100] * 2, plan=Plan().with_ceiling_approval(date(2026, 1, 2), 500))
    window = window_for(diary)

    def withdraw(dialog) -> int:
        form = dialog.plan_form
        assert form.approved.isChecked() and "2 Jan 2026" in form.approved_date.text()
        form.approved.click()
        assert form.ceiling.value() == 350
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = withdraw
    window.open_settings()
    plan = diary.plan()
    assert (plan.ceiling_mg, plan.ceiling_approved_on) == (350, None)


def test_the_region_round_trip_gives_the_same_ceiling_in_the_window(
    qtbot, diary, window_for, dialogs
):
    diary_with(diary, [100] * 2, plan=Plan(ceiling_mg=300))
    window = window_for(diary)

    def switch(dialog) -> int:
        dialog.plan_form.eu.click()
        dialog.plan_form.us.click()
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = switch
    window.open_settings()
    assert diary.plan().ceiling_mg == 250


def test_a_product_label_gives_neither_reading_until_chosen(qtbot, diary, window_for, dialogs):
    diary_with(diary, [])
    window = window_for(diary)

    def enter(dialog) -> int:
        form = dialog.product_form
        qtbot.keyClicks(form.name, "Magnesium citrate 500")
        assert form.form.currentData() is None  # no form is chosen for the person either
        form.form.setCurrentIndex(form.form.findData("citrate"))
        qtbot.keyClicks(form.amount, "500")
        assert not form.elemental.isChecked() and not form.compound.isChecked()
        assert "Choose whether" in form.problem.text()
        assert "500 mg" in form.both.text() and "81 mg" in form.both.text()
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        form.compound.click()
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = enter
    window.open_settings()
    assert diary.product_in_use().elemental_mg_per_unit == 81


def test_the_plan_page_names_only_the_bound_one_unit_exceeds():
    from rlstracker.ui.plan_form import units_note

    tablets = Product("Mag glycinate tabs", "glycinate", 120, LabelBasis.ELEMENTAL, "tablet")
    note = units_note(Plan(start_mg=100, ceiling_mg=350), tablets)
    assert "holds 120 mg, more than your plan's start dose of 100 mg, so the guide" in note
    assert "ceiling" not in note
