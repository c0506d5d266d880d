"""The product form: finding the form of magnesium from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rlstracker.domain.forms import FORMS
from rlstracker.ui.product_form import ProductForm


@pytest.fixture
def short_pause():
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(100)
    yield
    QApplication.setKeyboardInputInterval(interval)


def test_typing_the_word_that_differs_finds_the_form(qtbot, short_pause):
    """Every name starts with "Magnesium": "cit" finds citrate, "eps" Epsom salt, and the list
    still reads as the labels do, with the same ids in the diary and the CSV."""
    form = ProductForm()
    qtbot.addWidget(form)
    form.show()
    combo = form.form
    combo.setFocus()
    gap = 200  # longer than the pause between keys of one search, shortened to 100 ms
    for typed, found in (
        ("cit", "citrate"),
        ("gly", "glycinate"),
        ("glyce", "glycerophosphate"),
        ("eps", "sulfate"),
        ("thr", "threonate"),
        ("ox", "oxide"),
        ("another", "other"),
    ):
        qtbot.wait(gap)
        qtbot.keyClicks(combo, typed)
        assert combo.currentData() == found, typed
    qtbot.wait(gap)
    qtbot.keyClicks(combo, "m")  # "Magnesium …" still works as it always did
    assert combo.currentData() == "oxide"
    assert [combo.itemData(i) for i in range(1, combo.count())] == list(FORMS)
    assert [combo.itemText(i) for i in range(1, combo.count())] == [f.name for f in FORMS.values()]


# Opening the list grabs the keyboard, which the offscreen platform can't; real ones can.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_typing_in_the_open_list_finds_the_form_too(qtbot):
    form = ProductForm()
    qtbot.addWidget(form)
    form.show()
    combo = form.form
    combo.showPopup()
    view = combo.view()
    qtbot.keyClicks(view, "mal")
    assert view.currentIndex().data(Qt.ItemDataRole.UserRole) == "malate"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentData() == "malate"
    assert not view.isVisible()


def test_a_word_is_found_where_it_begins_and_the_same_letter_moves_on():
    from rlstracker.ui.word_search import find_row

    names = ["– choose –", "Magnesium oxide", "Magnesium L-threonate", "Magnesium sulfate (Epsom)"]
    assert find_row(names, "thr", 0) == 2
    assert find_row(names, "EPS", 0) == 3
    assert find_row(names, "xide", 0) is None  # the middle of a word is not its start
    assert find_row(names, "m", 2) == 2 and find_row(names, "m", 0) == 1
    assert find_row(names, "ch", 1) == 0  # round from the end to the top
