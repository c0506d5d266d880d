"""History as it looks: the app's own date words, room for the notes, and side-effect tints
that get stronger the worse the grade, in light and in dark, with a legend in the same colours."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QLabel

from rlstracker.domain.models import Night
from rlstracker.domain.wording import weekday_day
from rlstracker.ui.history_model import COLUMNS
from rlstracker.ui.theme import Theme, apply_appearance

NOTES, EFFECTS, NIGHT_OF = COLUMNS.index("Notes"), COLUMNS.index("Side effects"), 0


def shown(history, column: int) -> list[str]:
    proxy = history.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_history_writes_the_night_as_the_rest_of_the_app_does(qtbot, demo_diary, window_for):
    window = window_for(demo_diary)
    window.show_history()
    night = demo_diary.nights()[-1]
    assert weekday_day(date(2026, 11, 25)) == "Wed 25 Nov 2026"  # as in the form and the report
    assert weekday_day(night.date) in shown(window.history, NIGHT_OF)
    assert not any("-" in text for text in shown(window.history, NIGHT_OF))


def test_notes_take_the_room_left_and_show_whole_as_a_tooltip(qtbot, demo_diary, window_for):
    long_note = "Coffee late in the afternoon, then a long walk with the dog after dinner."
    day = demo_diary.nights()[-1].date
    demo_diary.save_night(Night(date=day, dose_mg=200, symptom_severity=5, notes=long_note))
    window = window_for(demo_diary)
    window.resize(1000, 560)
    window.show_history()
    history = window.history
    qtbot.waitUntil(lambda: history.table.isVisible())
    header = history.table.horizontalHeader()
    assert header.sectionResizeMode(NOTES) == QHeaderView.ResizeMode.Stretch
    others = [header.sectionSize(c) for c in range(len(COLUMNS)) if c != NOTES]
    assert header.sectionSize(NOTES) >= max(others)  # the widest, not squeezed
    row = shown(history, NOTES).index(long_note)
    tip = history.proxy.index(row, NOTES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == long_note
    effects = history.proxy.index(row, EFFECTS)
    assert effects.data(Qt.ItemDataRole.ToolTipRole) == effects.data() or not effects.data()


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in colour.getRgbF()[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_tints_get_stronger_with_the_grade_and_the_legend_shows_the_same(
    qtbot, qapp, demo_diary, window_for, theme
):
    apply_appearance(qapp, theme, "normal")
    window = window_for(demo_diary)
    window.show_history()
    model = window.history.model
    base = qapp.palette().color(QPalette.ColorRole.Base)
    text = qapp.palette().color(QPalette.ColorRole.Text)
    tints = {}
    for row in range(model.rowCount()):
        grade = model.night_at(row).worst_grade
        if grade and grade not in tints:
            tints[grade] = QColor(
                model.data(model.index(row, EFFECTS), Qt.ItemDataRole.BackgroundRole)
            )
    from rlstracker.ui.history_model import grade_tint

    for grade in (1, 2, 3):
        tints.setdefault(grade, grade_tint(grade))
    # Further from the table's own background the worse the grade, as the legend says; and the
    # text stays readable on each.
    distance = [contrast(tints[g], base) for g in (1, 2, 3)]
    assert distance == sorted(distance) and len(set(distance)) == 3, (theme, distance)
    assert all(contrast(tints[g], text) >= 4.5 for g in (1, 2, 3))
    # The legend: the grades in order, each on the table's own tint.
    legend = window.history.legend.text()
    places = [legend.index(f"{tints[g].name()}; color") for g in (1, 2, 3)]
    assert places == sorted(places)
    for grade, name in ((1, "mild"), (2, "moderate"), (3, "severe")):
        assert f"&nbsp;{name}&nbsp;" in legend.split(tints[grade].name())[1].split("</span>")[0]
    assert "darker is worse" not in " ".join(
        label.text() for label in window.history.findChildren(QLabel)
    )
    apply_appearance(qapp, Theme.LIGHT, "normal")


@pytest.mark.parametrize(
    ("code", "shown_as"),
    [("de", "Mi. 25. Nov. 2026"), ("fr", "mer. 25 nov. 2026"), ("es", "mié 25 nov 2026")],
)
def test_a_night_in_the_list_is_as_short_in_every_language(code: str, shown_as: str):
    """Not "miércoles, 25 de noviembre de 2026": the list's notes keep their room."""
    from rlstracker import translations

    translations.speak(code)
    try:
        assert weekday_day(date(2026, 11, 25)) == shown_as
    finally:
        translations.speak("en")
