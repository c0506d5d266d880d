"""Open every window and dialog on a 1024×600 screen and say what does not fit.

Run by tests/ui/test_small_screen.py in a process of its own, because the offscreen screen's
size is fixed when Qt starts:

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json \
        python -m tests.ui.screen_walk FOLDER SIZE [LANGUAGE]

Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QWidget,
    QWizard,
)

NOW = datetime(2026, 11, 24, 20, 30)
FRAME_PX = 32  # a title bar and borders


def visible_descendants(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if w.isVisible()]


def alt_key_clashes(name: str, top: QWidget) -> list[str]:
    """An Alt key that means two things in one dialog: a translation chose its letters anew."""
    letters: dict[str, list[str]] = {}
    for widget in visible_descendants(top):
        if not isinstance(widget, QAbstractButton | QLabel):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # without a buddy its & is not a key
        text = widget.text().replace("&&", "")
        index = text.find("&")
        if 0 <= index < len(text) - 1:
            letters.setdefault(text[index + 1].lower(), []).append(text)
    return [
        f"{name}: Alt+{letter} means {' and '.join(map(repr, texts))}"
        for letter, texts in letters.items()
        if len(texts) > 1
    ]


def problems_of(name: str, top: QWidget) -> list[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(3):
        app.processEvents()
    screen = top.screen().availableGeometry()
    found = []
    if top.width() > screen.width() or top.height() > screen.height():
        found.append(f"{name}: {top.width()}×{top.height()} is larger than the screen")
    hint = top.minimumSizeHint()
    minimum = top.minimumSize()
    if max(hint.width(), minimum.width()) > screen.width():
        found.append(f"{name}: can't be made narrower than the screen ({hint.width()} px)")
    if max(hint.height(), minimum.height()) > screen.height():
        found.append(f"{name}: can't be made lower than the screen ({hint.height()} px)")
    inside = QRect(QPoint(0, 0), top.size())
    for widget in visible_descendants(top):
        # Buttons that must always be in reach: a dialog's and the guide's own.
        always = isinstance(widget, QAbstractButton) and (
            isinstance(widget.parentWidget(), QDialogButtonBox) or isinstance(top, QWizard)
        )
        if always and widget.parentWidget() is not None:
            rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
            in_scroll = any(isinstance(a, QScrollArea) for a in _ancestors(widget, top))
            if not in_scroll and not inside.contains(rect):
                found.append(f"{name}: the button {widget.text()!r} is off the window")
        area = next((a for a in _ancestors(widget, top) if isinstance(a, QScrollArea)), None)
        if (
            area is None
            and isinstance(widget, QLabel)
            and widget.wordWrap()
            and widget.text().strip()
            and widget.height() < widget.heightForWidth(widget.width())
        ):
            found.append(f"{name}: the label {widget.text()[:40]!r} is cut off at the bottom")
        if (
            area is not None
            and isinstance(widget, (QLabel, QAbstractButton))
            and widget.text().strip()
        ):
            viewport = area.viewport()
            right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
            if right > viewport.width() + 2 and widget.width() > 4:
                text = widget.text()[:40]
                found.append(f"{name}: {type(widget).__name__} {text!r} is cut off on the right")
    return found


def not_in_sight(name: str, widget: QWidget) -> list[str]:
    """A button used every evening must be in sight without scrolling."""
    QApplication.processEvents()
    shown = widget.visibleRegion().boundingRect()
    return [] if shown == widget.rect() else [f"{name}: only {shown} of {widget.rect()} in sight"]


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def walk(folder: Path, text_size: str) -> list[str]:
    from rlstracker.demo import save_demo
    from rlstracker.storage import Diary
    from rlstracker.ui.about_dialog import AboutDialog
    from rlstracker.ui.backup_dialogs import RecoveryDialog, RestoreDialog
    from rlstracker.ui.clearance_dialog import ClearanceDialog
    from rlstracker.ui.dialogs import Dialogs
    from rlstracker.ui.edit_dialog import NightEditDialog
    from rlstracker.ui.main_window import MainWindow
    from rlstracker.ui.report_dialog import ReportDialog
    from rlstracker.ui.settings_dialog import SettingsDialog
    from rlstracker.ui.settings_workflow import load_preferences
    from rlstracker.ui.setup_wizard import SetupWizard
    from rlstracker.ui.theme import apply_appearance

    app = QApplication.instance() or QApplication(["walk"])
    assert isinstance(app, QApplication)
    apply_appearance(app, "light", text_size)
    diary = Diary.open(folder)
    save_demo(diary, NOW.date())
    found: list[str] = []
    today = NOW.date()

    window = MainWindow(diary, Dialogs(), lambda: NOW, help_html="<h2>Help</h2>")
    window.resize(10_000, 10_000)  # the window manager would keep it to the screen
    window.resize(window.screen().availableGeometry().size())
    window.show()
    window.load_charts()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        found += problems_of(f"main window, tab {index}", window)
    window.tabs.setCurrentIndex(0)
    found += not_in_sight("main window: Save night", window.form.save_button)
    assert window.tonight.taken_box.isVisible()  # the example suggests a dose tonight
    found += not_in_sight("main window: Record as taken", window.tonight.taken_button)

    # With the example banner ('rlstracker demo'), and room left for a window manager's title
    # bar and borders (openbox takes 26 px): the bottom of the window must not fall off.
    example = MainWindow(
        diary,
        Dialogs(),
        lambda: NOW,
        example_note="This diary holds invented example data, made with 'rlstracker demo'.",
        help_html="<h2>Help</h2>",
    )
    example.load_charts()
    room = example.screen().availableGeometry().height() - FRAME_PX
    if example.minimumSizeHint().height() > room:
        found.append(
            f"main window with the example banner: {example.minimumSizeHint().height()} px "
            f"high at least, more than the {room} px a framed window has"
        )
    example.deleteLater()

    wizard = SetupWizard(today, Dialogs())
    wizard.show()
    for page_id in wizard.pageIds():
        while wizard.currentId() != page_id:
            wizard.next() if wizard.currentId() < page_id else wizard.back()
            if wizard.currentId() == -1:
                break
        found += problems_of(f"first-run guide, page {page_id}", wizard)
        if page_id == wizard.pageIds()[0]:
            wizard.welcome.understood.setChecked(True)
        if page_id == wizard.pageIds()[1]:
            form = wizard.safety.form
            for group in (form.kidney, form.heart, form.pregnant, form.age):
                group.buttons.buttons()[0].click()
            form.no_medicines.click()
    wizard.done(0)  # close() would ask whether to throw the answers away

    settings = SettingsDialog(
        today,
        diary.plan(),
        diary.product_in_use(),
        diary.safety_answers(),
        load_preferences(diary),
        diary.iron_results(),
        diary.clearances(),
        window,
    )
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        found += problems_of(f"settings, tab {index}", settings)
    settings.close()

    night = diary.nights()[-1]
    dialogs = [
        (
            "edit night",
            NightEditDialog(
                night, today, 350, diary.product_in_use(), lambda n, f: True, Dialogs(), window
            ),
        ),
        ("report", ReportDialog(diary.nights(), today, "", lambda *a: None, Dialogs(), window)),
        ("restore", RestoreDialog([], window)),
        ("recovery", RecoveryDialog("file is not a database", "diary-damaged.sqlite3", [], None)),
        ("clearance", ClearanceDialog(today, diary.nights(), ["kidney disease"], window)),
        (
            "about",
            AboutDialog(
                folder / "a folder with a long name" / "rlstracker",
                folder / "state" / "rlstracker" / "log",
                lambda _: True,
                window,
            ),
        ),
    ]
    from rlstracker.domain.trial import TrialDesign, guide, trial_offer, view
    from rlstracker.ui.trial_dialog import TrialDialog
    from rlstracker.ui.trial_status_dialog import TrialStatusDialog
    from tests.domain.trial_sim import new_trial

    situation = guide(diary.plan(), diary.safety_answers(), diary.nights(), diary.product_in_use())
    dialogs.append(("trial set-up", TrialDialog(trial_offer(situation, today), today, window)))
    trial = new_trial(today, 3, TrialDesign(blind=True))  # with the helper's sheet's buttons
    dialogs.append(("trial status", TrialStatusDialog(view(trial, diary.nights(), today), window)))
    for name, dialog in dialogs:
        dialog.show()
        found += problems_of(name, dialog)
        found += alt_key_clashes(name, dialog)
        if isinstance(dialog, NightEditDialog):
            found += not_in_sight("edit night: Save night", dialog.form.save_button)
        dialog.close()

    # The print preview opened from the report (Dialogs.print_preview): Print in reach.
    from PySide6.QtPrintSupport import QPrinter

    from rlstracker.ui.print_preview import PrintPreview

    preview = PrintPreview(QPrinter(QPrinter.PrinterMode.HighResolution), window)
    preview.show()
    found += problems_of("print preview", preview)
    app.processEvents()
    inside = QRect(QPoint(0, 0), preview.size())
    button = preview.print_button
    if not (
        button.isVisible()
        and inside.contains(QRect(button.mapTo(preview, QPoint(0, 0)), button.size()))
    ):
        found.append("print preview: no Print button in reach")
    preview.close()
    window.close()
    diary.close()
    return found


def speak(code: str) -> None:
    """The app's words, and Qt's, in the language `code`, as the app does at start-up."""
    from rlstracker import translations
    from rlstracker.ui.qt_language import install_qt_translations

    app = QApplication.instance() or QApplication(["walk"])
    assert isinstance(app, QApplication)
    translations.speak(code)
    install_qt_translations(app, code)


if __name__ == "__main__":
    if len(sys.argv) > 3:
        speak(sys.argv[3])
    problems = walk(Path(sys.argv[1]), sys.argv[2])
    print("\n".join(problems))
    sys.exit(1 if problems else 0)
