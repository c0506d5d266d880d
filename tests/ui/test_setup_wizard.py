"""The first-run guide, end to end, through the launcher that the app runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QWizard

from rlstracker.app import Launcher
from rlstracker.domain.forms import LabelBasis
from rlstracker.domain.plan import Region
from rlstracker.domain.safety import AgeGroup, Kidney, Medicine
from rlstracker.storage import Diary
from rlstracker.ui.clearance_dialog import ClearanceDialog
from rlstracker.ui.safety_form import ChoiceGroup, SafetyForm
from rlstracker.ui.setup_wizard import SetupWizard


def choose(qtbot, group: ChoiceGroup, text: str) -> None:
    (button,) = [b for b in group.buttons.buttons() if b.text().startswith(text)]
    button.click()  # as Space does: the page may have scrolled it out of the mouse's reach


def answer(qtbot, form: SafetyForm, kidney: str = "No kidney", medicines=(), none=True) -> None:
    choose(qtbot, form.kidney, kidney)
    choose(qtbot, form.heart, "No")
    choose(qtbot, form.pregnant, "No")
    choose(qtbot, form.age, "18 to 64")
    for medicine in medicines:
        form.medicine_boxes[medicine].click()
    if not medicines and none:
        form.no_medicines.click()


def walk(
    qtbot,
    wizard: SetupWizard,
    *,
    kidney="No kidney",
    product=True,
    region_eu=False,
    finish=True,
) -> int:
    """Fill the guide as a person would, page by page."""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # must tick first
    qtbot.mouseClick(wizard.welcome.understood, Qt.MouseButton.LeftButton)
    wizard.next()
    form = wizard.safety.form
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no answer is filled in for the person
    answer(qtbot, form, kidney, medicines=(Medicine.IRON,))
    assert "3 to 4 hours apart" in form.advice.text()
    if kidney != "No kidney":
        assert form.consult.isVisible()
        assert "kidney" in form.consult.text()
    iron = wizard.safety.iron
    iron.ferritin.setText("abc")
    assert not next_button.isEnabled()
    assert "number" in iron.problem.text()
    iron.ferritin.setText("48")
    iron.saturation.setText("18")
    assert next_button.isEnabled()
    wizard.next()
    product_form = wizard.product_page.form
    if product:
        qtbot.keyClicks(product_form.name, "Magnesium citrate tablets")
        product_form.form.setCurrentIndex(product_form.form.findData("citrate"))
        qtbot.keyClicks(product_form.amount, "500")
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # compound or not?
        assert "81 mg" in product_form.both.text()  # both readings, side by side
        product_form.compound.setChecked(True)
        assert "= 81 mg of elemental magnesium per capsule" in product_form.readout.text()
        product_form.unit.setCurrentIndex(product_form.unit.findData("tablet"))
    wizard.next()
    plan_form = wizard.plan_page.form
    if region_eu:
        plan_form.eu.setChecked(True)
        assert plan_form.ceiling.value() == 250
        plan_form.ceiling.setValue(300)
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert "clinician" in plan_form.problem.text()
        plan_form.ceiling.setValue(250)
    plan_form.start.setValue(75)
    wizard.next()
    assert wizard.currentPage() is wizard.summary
    if not finish:
        wizard.back()
        wizard.back()
        return QDialog.DialogCode.Rejected
    wizard.accept()
    return QDialog.DialogCode.Accepted


def test_the_guide_saves_everything_only_when_finished(qtbot, data_dir: Path, dialogs, clock, qapp):
    dialogs.on_dialog = lambda wizard: walk(qtbot, wizard, region_eu=True)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    with Diary.open(data_dir) as diary:
        answers = diary.safety_answers()
        assert answers.medicines == {Medicine.IRON}
        assert (answers.kidney, answers.age_group) == (Kidney.NONE, AgeGroup.ADULT)
        assert answers.answered_on == answers.confirmed_on == clock().date()
        product = diary.product_in_use()
        assert product is not None
        assert (product.form, product.amount_per_unit_mg, product.label_basis, product.unit) == (
            "citrate",
            500,
            LabelBasis.COMPOUND,
            "tablet",
        )
        plan = diary.plan()
        assert (plan.start_mg, plan.region, plan.ceiling_mg) == (75, Region.EU, 250)
        (iron,) = diary.iron_results()
        assert (iron.ferritin_ng_per_ml, iron.saturation_percent) == (48, 18)
    assert window.tonight.title.text() == "No magnesium yet: baseline night"
    assert "discussing iron treatment" in window.tonight.iron.text()  # saturation 18 %
    assert "Settings…, on the Iron tab" in window.tonight.iron.text()
    assert "iron and magnesium" not in window.tonight.advice.text().lower()  # no dose yet
    launcher.close()


def test_cancelling_the_guide_saves_nothing(qtbot, data_dir: Path, dialogs, clock, qapp):
    dialogs.on_dialog = lambda wizard: walk(qtbot, wizard, finish=False)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    assert launcher.start() is None
    launcher.close()
    with Diary.open(data_dir) as diary:
        assert not diary.safety_answers().any_answered
        assert not diary.has_plan()
        assert diary.product_in_use() is None
        assert not diary.is_set_up()


def test_a_reason_not_to_self_titrate_leads_to_consult(qtbot, data_dir, dialogs, clock, qapp):
    def fill(wizard):
        return walk(qtbot, wizard, kidney="Severe", product=False)

    dialogs.on_dialog = fill
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert window.tonight.title.text() == "Talk to your clinician first"
    assert window.tonight.dose_label.text() == "No dose suggested"
    assert "kidney" in window.tonight.reasons.text()
    assert not window.tonight.taken_box.isVisible()
    assert window.tonight.clearance_button.isVisible()
    launcher.close()


def test_a_clearance_recorded_from_tonight_lifts_the_consult(qtbot, data_dir, dialogs, clock, qapp):
    dialogs.on_dialog = lambda wizard: walk(qtbot, wizard, kidney="Some kidney")
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert window.tonight.title.text() == "Talk to your clinician first"

    def clear(dialog) -> int:
        assert isinstance(dialog, ClearanceDialog)
        assert "kidney disease" in dialog.concerns.text()
        qtbot.keyClicks(dialog.note, "Dr Ames said yes, at the usual dose")
        return QDialog.DialogCode.Accepted

    dialogs.on_dialog = clear
    qtbot.mouseClick(window.tonight.clearance_button, Qt.MouseButton.LeftButton)
    assert window.tonight.title.text() == "No magnesium yet: baseline night"
    with Diary.open(data_dir) as diary:
        (clearance,) = diary.clearances()
        assert (clearance.date, clearance.note) == (
            clock().date(),
            "Dr Ames said yes, at the usual dose",
        )
    launcher.close()


def test_example_data_opens_apart_from_the_persons_diary(qtbot, data_dir, dialogs, clock, qapp):
    def choose_example(wizard: SetupWizard) -> int:
        qtbot.mouseClick(wizard.welcome.example_button, Qt.MouseButton.LeftButton)
        return wizard.result()

    dialogs.on_dialog = choose_example
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert "EXAMPLE DATA" in window.windowTitle()
    assert window.history.model.rowCount() > 100
    example_folder = window.diary.path.parent
    assert data_dir not in example_folder.parents and example_folder != data_dir
    with Diary.open(data_dir) as own:
        assert own.night_count() == 0 and not own.is_set_up()
    launcher.close()
    assert not example_folder.exists()


def test_a_data_folder_that_cannot_be_created_gives_a_clear_message(tmp_path, dialogs, clock, qapp):
    (tmp_path / "file").write_text("x")
    launcher = Launcher(qapp, tmp_path / "file" / "diary", dialogs, clock)
    assert launcher.start() is None
    ((title, text),) = dialogs.warnings
    assert "can't open your diary" in title
    assert "can't be created" in text and "--data-dir" in text


def test_the_welcome_says_the_evidence_is_mixed_once_and_scrolls(qtbot, dialogs):
    wizard = SetupWizard(date(2026, 11, 24), dialogs)
    qtbot.addWidget(wizard)
    words = " ".join(label.text() for label in wizard.welcome.findChildren(QLabel))
    assert words.count("evidence is mixed") == 1
    assert "may not help you" in words
    (area,) = wizard.welcome.findChildren(QScrollArea)
    assert area.isAncestorOf(wizard.welcome.example_button)


def test_the_summary_says_when_one_unit_is_more_than_the_start(
    qtbot, data_dir, dialogs, clock, qapp
):
    said = []

    def fill(wizard):
        walk(qtbot, wizard, finish=False)  # 81 mg tablets, a plan starting at 75 mg
        said.append(wizard.summary.summary.text())
        return QDialog.DialogCode.Rejected

    dialogs.on_dialog = fill
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    launcher.start()
    launcher.close()
    assert (
        "<b>One tablet of this product holds 81 mg, more than your plan's start dose of 75 mg, "
        "so the guide will not suggest taking it.</b>"
    ) in said[0]
    assert "ceiling" not in said[0]  # one tablet is well under it: only the start is exceeded


def test_the_summary_gives_the_plan_as_the_guide_will_step_it(qtbot, dialogs):
    """81 mg capsules and steps of 50 mg: the guide goes up one capsule at a time, and the last
    page says so (not "about 50 mg"), in the words the domain makes from the ladder."""
    wizard = SetupWizard(date(2026, 11, 24), dialogs)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.understood.setChecked(True)
    wizard.next()
    answer(qtbot, wizard.safety.form)
    wizard.next()
    product = wizard.product_page.form
    product.name.setText("Magnesium citrate 500")
    product.form.setCurrentIndex(product.form.findData("citrate"))
    product.amount.setText("500")
    product.compound.setChecked(True)
    wizard.next()
    wizard.next()
    text = wizard.summary.summary.text()
    assert (
        "Then start at 1 capsule = 81 mg (your plan's 100 mg, in whole capsules), with the "
        "evening meal, and go up by 1 capsule (81 mg) after every 7 good nights, to at most "
        "4 capsules = 324 mg."
    ) in text
    assert "about 50 mg" not in text
    wizard.done(0)


def test_escape_or_the_close_button_asks_before_throwing_the_answers_away(
    qtbot, data_dir, dialogs, clock, qapp
):
    """The guide asks, "Keep setting up" first, as the rest of the app asks before losing
    work; a second Escape (or the window's cross) asks again rather than slipping past."""
    seen = []

    def fill(wizard: SetupWizard) -> int:
        qtbot.mouseClick(wizard.welcome.understood, Qt.MouseButton.LeftButton)
        wizard.next()
        answer(qtbot, wizard.safety.form)
        dialogs.leave_answer = False
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        wizard.close()  # the title bar's cross
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )
        seen.append((wizard.isVisible(), wizard.currentPage() is wizard.safety))
        seen.append(wizard.safety.form.missing())
        dialogs.leave_answer = True
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        seen.append(wizard.isVisible())
        return wizard.result()

    dialogs.on_dialog = fill
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    assert launcher.start() is None  # left, after saying yes
    launcher.close()
    assert seen == [(True, True), [], False]
    assert len(dialogs.leave_questions) == 5
    title, text, stay, leave = dialogs.leave_questions[0]
    assert title == "Stop setting up?"
    assert "What you entered so far will be lost" in text
    assert (stay, leave) == ("Keep setting up", "Stop setting up")
    with Diary.open(data_dir) as diary:
        assert not diary.is_set_up()


def test_leaving_the_guide_with_nothing_entered_asks_nothing(qtbot, data_dir, dialogs, clock, qapp):
    def leave(wizard: SetupWizard) -> int:
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        return wizard.result()

    dialogs.on_dialog = leave
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    assert launcher.start() is None
    launcher.close()
    assert dialogs.leave_questions == []


def test_a_product_or_plan_typed_in_counts_as_something_entered(qtbot, dialogs):
    wizard = SetupWizard(date(2026, 11, 24), dialogs)
    qtbot.addWidget(wizard)
    assert not wizard.has_entries()
    wizard.welcome.understood.setChecked(True)  # a tick is not an answer to lose
    assert not wizard.has_entries()
    qtbot.keyClicks(wizard.product_page.form.amount, "500")
    assert wizard.has_entries()
    wizard.product_page.form.amount.clear()
    assert not wizard.has_entries()
    wizard.plan_page.form.start.setValue(75)
    assert wizard.has_entries()


def test_the_question_says_keep_setting_up_first_and_escape_keeps_it(qtbot, qapp):
    """The real question box: "Keep setting up" is the default button, and Escape in the
    box itself means keep, so a second press of Escape can't throw the answers away."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from rlstracker.ui.dialogs import Dialogs

    found = []

    def press(key: Qt.Key) -> None:
        box = qapp.activeModalWidget()
        assert isinstance(box, QMessageBox)
        found.append(box.defaultButton().text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, lambda: press(Qt.Key.Key_Escape))
    leave = Dialogs().ask_leave(None, "Stop setting up?", "Lost.", "Keep setting up", "Stop")
    assert leave is False
    QTimer.singleShot(0, lambda: press(Qt.Key.Key_Return))
    assert (
        Dialogs().ask_leave(None, "Stop setting up?", "Lost.", "Keep setting up", "Stop") is False
    )
    assert found == ["Keep setting up", "Keep setting up"]

    def click_stop() -> None:
        box = qapp.activeModalWidget()
        assert isinstance(box, QMessageBox)
        (stop,) = [b for b in box.buttons() if b.text() == "Stop"]
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_stop)
    assert Dialogs().ask_leave(None, "Stop setting up?", "Lost.", "Keep setting up", "Stop")


def test_just_looking_after_answers_asks_too_and_can_stay(qtbot, dialogs):
    wizard = SetupWizard(date(2026, 11, 24), dialogs)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.understood.setChecked(True)
    wizard.next()
    answer(qtbot, wizard.safety.form)
    wizard.back()
    dialogs.leave_answer = False
    qtbot.mouseClick(wizard.welcome.example_button, Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and not wizard.wants_example
    ((title, text, stay, leave),) = dialogs.leave_questions
    assert "What you entered so far will be lost" in text
    assert (title, stay, leave) == (
        "Look at the example instead?",
        "Keep setting up",
        "Open the example",
    )
    dialogs.leave_answer = True
    qtbot.mouseClick(wizard.welcome.example_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible() and wizard.wants_example
