"""The first-run guide, end to end, through the launcher that the app runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from rlstracker.app import Launcher
from rlstracker.domain.forms import LabelBasis
from rlstracker.domain.models import AgeGroup, Medicine, Region
from rlstracker.storage import Diary
from rlstracker.ui.setup_wizard import SetupWizard


def walk(
    qtbot,
    wizard: SetupWizard,
    *,
    kidney=False,
    approve=False,
    product=True,
    region_eu=False,
    finish=True,
) -> int:
    """Fill the guide as a person would, page by page."""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # must tick first
    qtbot.mouseClick(wizard.welcome.understood, Qt.MouseButton.LeftButton)
    wizard.next()
    form = wizard.safety.form
    form.medicine_boxes[Medicine.IRON].setChecked(True)
    form.medicine_boxes[Medicine.LEVOTHYROXINE].setChecked(True)
    assert "4 hours apart" in form.advice.text()
    if kidney:
        form.severe_kidney.setChecked(True)
        assert form.consult.isVisible()
        assert "kidney" in form.consult.text()
        if approve:
            form.approved.setChecked(True)
    form.ferritin_value.setText("abc")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "number" in form.problem.text()
    form.ferritin_value.setText("48")
    wizard.next()
    product_form = wizard.product_page.form
    if product:
        qtbot.keyClicks(product_form.name, "Magnesium citrate tablets")
        product_form.form.setCurrentIndex(product_form.form.findData("citrate"))
        qtbot.keyClicks(product_form.amount, "500")
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
        screening = diary.screening()
        assert screening is not None
        assert screening.medicines == {Medicine.IRON, Medicine.LEVOTHYROXINE}
        assert screening.age_group is AgeGroup.ADULT
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
        assert [r.ng_per_ml for r in diary.ferritin_results()] == [48]
    assert window.tonight.title.text() == "No magnesium yet: baseline night"
    assert "levothyroxine" not in window.tonight.advice.text().lower()  # no dose, no timing
    launcher.close()


def test_cancelling_the_guide_saves_nothing(qtbot, data_dir: Path, dialogs, clock, qapp):
    dialogs.on_dialog = lambda wizard: walk(qtbot, wizard, finish=False)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    assert launcher.start() is None
    launcher.close()
    with Diary.open(data_dir) as diary:
        assert diary.screening() is None
        assert not diary.has_plan()
        assert diary.product_in_use() is None
        assert diary.setting("setup_done") is None


def test_a_reason_not_to_self_titrate_leads_to_consult(qtbot, data_dir, dialogs, clock, qapp):
    def fill(wizard):
        return walk(qtbot, wizard, kidney=True, product=False)

    dialogs.on_dialog = fill
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    assert window.tonight.title.text() == "Talk to your clinician first"
    assert window.tonight.dose_label.text() == "No dose suggested"
    assert "kidney" in window.tonight.reasons.text()
    assert not window.tonight.taken_box.isVisible()
    launcher.close()


def test_a_clinician_approved_plan_lifts_consult(qtbot, data_dir, dialogs, clock, qapp):
    dialogs.on_dialog = lambda wizard: walk(qtbot, wizard, kidney=True, approve=True)
    launcher = Launcher(qapp, data_dir, dialogs, clock)
    window = launcher.start()
    assert window is not None
    qtbot.addWidget(window)
    with Diary.open(data_dir) as diary:
        assert diary.plan().clinician_approved
    assert window.tonight.title.text() != "Talk to your clinician first"
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
        assert own.night_count() == 0 and own.setting("setup_done") is None
    launcher.close()
    assert not example_folder.exists()


def test_a_data_folder_that_cannot_be_created_gives_a_clear_message(tmp_path, dialogs, clock, qapp):
    (tmp_path / "file").write_text("x")
    launcher = Launcher(qapp, tmp_path / "file" / "diary", dialogs, clock)
    assert launcher.start() is None
    ((title, text),) = dialogs.warnings
    assert "can't open your diary" in title
    assert "can't be created" in text and "--data-dir" in text
