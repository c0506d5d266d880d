"""Keyboard reach, accessible names, themes and one running copy per diary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from rlstracker.ui.settings_dialog import Preferences, SettingsDialog
from rlstracker.ui.setup_wizard import SetupWizard
from rlstracker.ui.single_instance import SingleInstance, server_name
from rlstracker.ui.theme import Theme, apply_appearance, is_dark
from tests.ui.conftest import NOW, started_on_the_demo

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTableView)


def controls(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS)]
    # Spin boxes own a line edit; the spin box is the control a person reaches.
    return [
        w
        for w in found
        if not (isinstance(w, QLineEdit) and isinstance(w.parent(), QAbstractSpinBox))
        and w.objectName() not in ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer")
        and not w.inherits("QScrollBar")
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def focus_chain(root: QWidget) -> set[QWidget]:
    seen = set()
    widget = root.nextInFocusChain()
    while widget is not root and widget not in seen:
        seen.add(widget)
        widget = widget.nextInFocusChain()
    return seen


def check_keyboard_and_names(root: QWidget) -> None:
    chain = focus_chain(root)
    found = controls(root)
    assert found
    for widget in found:
        group = widget.group() if isinstance(widget, QAbstractButton) else None
        if group is not None and group.exclusive():
            # Like radio buttons: Tab reaches the checked one, the arrow keys the others.
            assert any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in group.buttons())
        else:
            assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget
        assert widget in chain, widget
        assert accessible_name(widget), f"{type(widget).__name__} has no accessible name"


def test_every_main_window_control_is_reachable_and_named(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    check_keyboard_and_names(window)
    window.show_charts()  # and once the charts have filled in
    check_keyboard_and_names(window)


def test_every_setup_and_settings_control_is_reachable_and_named(qtbot, demo_diary, dialogs):
    wizard = SetupWizard(NOW.date(), dialogs)
    qtbot.addWidget(wizard)
    for page in (wizard.welcome, wizard.safety, wizard.product_page, wizard.plan_page):
        check_keyboard_and_names(page)
    dialog = SettingsDialog(
        NOW.date(),
        demo_diary.plan(),
        demo_diary.product_in_use(),
        demo_diary.safety_answers(),
        Preferences(NOW.time(), Theme.SYSTEM, "normal"),
    )
    qtbot.addWidget(dialog)
    check_keyboard_and_names(dialog)


def test_menus_offer_the_expected_shortcuts(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for action in menu.actions()
        if not action.isSeparator()
    }
    assert shortcuts["New night"] == "Ctrl+N"
    assert shortcuts["Quit"] == "Ctrl+Q"
    assert shortcuts["Export diary (CSV)…"] == "Ctrl+E"
    assert shortcuts["How the guide works"] == "F1"
    assert shortcuts["Print or save the report…"] == "Ctrl+P"
    assert shortcuts["Settings…"] == "Ctrl+,"
    assert any(name.startswith("Undo") and keys == "Ctrl+Z" for name, keys in shortcuts.items())


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_and_light_themes_are_readable(qapp):
    role = QPalette.ColorRole
    for theme, dark in ((Theme.DARK, True), (Theme.LIGHT, False)):
        apply_appearance(qapp, theme, "large")
        palette = qapp.palette()
        assert is_dark(qapp) is dark
        assert contrast(palette.color(role.WindowText), palette.color(role.Window)) >= 7
        assert contrast(palette.color(role.Text), palette.color(role.Base)) >= 7
        assert qapp.font().pointSize() == 14
    apply_appearance(qapp, Theme.LIGHT, "normal")


def test_a_second_launch_wakes_the_first_and_does_not_open(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.claim()
    first.listen()  # as the app does once its window is shown
    second = SingleInstance(data_dir)
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert not second.claim()
    other = SingleInstance(data_dir.parent / "another-diary")
    assert other.claim()  # another diary folder is another app
    first.release()
    other.release()
    assert server_name(data_dir) != server_name(data_dir.parent / "another-diary")


def test_switching_colours_in_settings_recolours_window_and_charts(
    qtbot, data_dir, dialogs, clock, qapp
):
    launcher, window = started_on_the_demo(data_dir, dialogs, clock, qapp)
    window.show_charts()
    for theme, dark in (("dark", True), ("light", False), ("dark", True)):

        def choose(dialog, theme=theme):
            dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
            dialog.buttons.accepted.emit()
            return dialog.result()

        dialogs.on_dialog = choose
        window.menus.settings_action.trigger()
        assert is_dark(qapp) is dark
        face = window.charts.timeline.figure.get_facecolor()
        assert (sum(face[:3]) < 1.0) is dark
    launcher.close()
    apply_appearance(qapp, Theme.LIGHT, "normal")


def test_a_new_text_size_reaches_the_shown_chart_and_the_example_banner_at_once(
    qtbot, data_dir, dialogs, clock, qapp
):
    from PySide6.QtWidgets import QLabel

    launcher, window = started_on_the_demo(data_dir, dialogs, clock, qapp)
    window.show_charts()
    panel = window.charts
    (banner,) = [w for w in window.findChildren(QLabel) if w.text().startswith("<b>Example")]

    def chart_points() -> float:
        figure = panel.stack.currentWidget().figure
        return figure.axes[0].yaxis.get_majorticklabels()[0].get_fontsize()

    for size, points, theme, dark in (
        ("larger", 16, "dark", True),
        ("normal", 12, "dark", True),
        ("larger", 16, "light", False),
    ):

        def choose(dialog, size=size, theme=theme):
            dialog.text_size.setCurrentIndex(dialog.text_size.findData(size))
            dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
            dialog.buttons.accepted.emit()
            return dialog.result()

        dialogs.on_dialog = choose
        window.menus.settings_action.trigger()
        # No other redraw asked for: what the person sees follows the setting by itself.
        qtbot.waitUntil(lambda points=points: banner.font().pointSize() == points, timeout=2000)
        qtbot.waitUntil(
            lambda points=points: abs(chart_points() - points * 0.95) < 0.01, timeout=2000
        )
        face = panel.stack.currentWidget().figure.get_facecolor()
        assert (sum(face[:3]) < 1.0) is dark
        qtbot.mouseClick(panel.by_dose, Qt.MouseButton.LeftButton)  # the other chart, too
        assert abs(chart_points() - points * 0.95) < 0.01
        qtbot.mouseClick(panel.over_time, Qt.MouseButton.LeftButton)
    launcher.close()
    apply_appearance(qapp, Theme.LIGHT, "normal")


def test_following_the_system_recolours_when_the_desktop_switches(
    qtbot, data_dir, dialogs, clock, qapp, monkeypatch
):
    from PySide6.QtCore import Qt as QtNamespace

    launcher, _ = started_on_the_demo(data_dir, dialogs, clock, qapp)
    assert not is_dark(qapp)
    hints = qapp.styleHints()
    monkeypatch.setattr(type(hints), "colorScheme", lambda self: QtNamespace.ColorScheme.Dark)
    launcher._on_color_scheme_changed(QtNamespace.ColorScheme.Dark)  # what the signal delivers
    assert is_dark(qapp)
    launcher.close()
    apply_appearance(qapp, Theme.LIGHT, "normal")


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_f4_and_alt_down_open_the_calendar_of_a_date_field(
    qtbot, demo_diary, window_for, key, modifier
):
    """As in a drop-down list; Alt+Down once stepped the night back a day instead."""
    window = window_for(demo_diary)
    field = window.form.date_edit
    before = field.date()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, key, modifier)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert field.date() == before  # nothing stepped
    days = calendar.findChild(QTableView)  # the calendar's grid of days
    qtbot.keyClick(days, Qt.Key.Key_Left)  # the day before, chosen in the calendar
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.date() == before.addDays(-1)


def test_arrows_in_the_calendar_choose_one_night_and_ask_once(
    qtbot, demo_diary, window_for, dialogs
):
    """With typing unsaved, the first arrow in the night's calendar once switched nights and
    asked Save/Discard/Cancel, and the next arrow and Enter answered it: typing lost."""
    window = window_for(demo_diary)
    form = window.form
    before = form.day
    form.notes.setPlainText("typed, not saved")
    field = form.date_edit
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    days = calendar.findChild(QTableView)
    qtbot.keyClick(days, Qt.Key.Key_Left)
    qtbot.keyClick(days, Qt.Key.Key_Left)
    assert dialogs.save_questions == []  # nothing asked while choosing
    assert form.day == before and form.notes.toPlainText() == "typed, not saved"
    dialogs.save_answer = "cancel"
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialogs.save_questions) == 1)  # asked once, for the day chosen
    assert form.day == before and form.notes.toPlainText() == "typed, not saved"
