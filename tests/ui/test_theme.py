"""Light and dark: the platform's own way where it can switch, the app's Fusion palette where
it can't (as on these machines' bare X11 and offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from rlstracker.ui.fusion_style import FusionWithVisibleBoxes
from rlstracker.ui.theme import (
    Theme,
    apply_appearance,
    is_dark,
    own_colours_needed,
)

DARK, LIGHT, UNKNOWN = Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Unknown


@pytest.mark.parametrize(
    ("theme", "after_request", "own"),
    [
        (Theme.DARK, DARK, None),  # Windows 11, macOS, GNOME, KDE: their own dark style
        (Theme.LIGHT, LIGHT, None),
        (Theme.DARK, UNKNOWN, True),  # a platform that can't switch: the app's dark palette
        (Theme.DARK, LIGHT, True),  # one that refused
        (Theme.LIGHT, UNKNOWN, False),
        (Theme.LIGHT, DARK, False),
        (Theme.SYSTEM, DARK, None),  # the system says dark: the system's own colours
        (Theme.SYSTEM, LIGHT, None),
        (Theme.SYSTEM, UNKNOWN, False),  # a system that says nothing: light
    ],
)
def test_whose_colours(theme, after_request, own):
    assert own_colours_needed(theme, after_request) is own


def test_where_the_platform_cannot_switch_the_app_draws_dark_itself(qapp):
    apply_appearance(qapp, Theme.DARK, "normal")
    assert isinstance(qapp.style(), FusionWithVisibleBoxes)
    assert qapp.style().baseStyle().name().lower() == "fusion"
    assert is_dark(qapp)
    apply_appearance(qapp, Theme.LIGHT, "normal")
    assert not is_dark(qapp)
    # Light: Qt's own Fusion, every style call in C++; the own one only where it is dark.
    assert not isinstance(qapp.style(), FusionWithVisibleBoxes)
    assert qapp.style().name().lower() == "fusion"


@pytest.mark.parametrize("theme", [Theme.DARK, Theme.LIGHT])
def test_an_unticked_box_in_a_list_can_be_seen(qtbot, qapp, theme):
    """The report's notes: in dark, an unticked note once showed no box at all."""
    apply_appearance(qapp, theme, "normal")
    notes = QListWidget()
    qtbot.addWidget(notes)
    item = QListWidgetItem("8 Sep 2026: Loose stools five times today")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    notes.addItem(item)
    notes.resize(400, 100)
    notes.show()
    qtbot.waitExposed(notes)
    row = notes.visualItemRect(item)
    image = notes.viewport().grab().toImage()
    base = notes.palette().color(QPalette.ColorRole.Base).lightness()
    box = [  # the square at the start of the row, before the text
        QColor(image.pixel(x, y)).lightness()
        for x in range(row.left(), row.left() + row.height())
        for y in range(row.top(), row.bottom())
    ]
    assert max(abs(value - base) for value in box) >= 60
