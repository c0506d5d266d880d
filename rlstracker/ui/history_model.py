"""The history table's model: one row per night, worked out once, sorted in Python; and the
filter by dates. Plain mappings of display roles onto Night records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QWidget

from rlstracker.domain import language
from rlstracker.domain.language import N_, TranslatedTuple, _, pgettext
from rlstracker.domain.models import (
    RED_FLAG_LABELS,
    SIDE_EFFECTS,
    Night,
    effect_at_grade,
)
from rlstracker.domain.wording import mg, weekday_day
from rlstracker.ui.theme import TEXT, colour, is_dark

COLUMNS = TranslatedTuple(
    (
        N_("Night of"),
        N_("Magnesium"),
        N_("Symptoms"),
        N_("Sleep"),
        N_("Side effects"),
        N_("Warning signs"),
        N_("Notes"),
    )
)
_Index = QModelIndex | QPersistentModelIndex
EFFECTS_COLUMN, FLAGS_COLUMN, NOTES_COLUMN = 4, 5, 6
TWO_LINE = (EFFECTS_COLUMN, FLAGS_COLUMN)


def grade_tint(grade: int) -> QColor:
    """The background of a night whose worst side effect has `grade`, in the current theme:
    the further from the table's own background, the worse (see theme.COLOURS)."""
    return colour(f"grade{grade}")


def _tint_text() -> QColor:
    app = QApplication.instance()
    return QColor(TEXT[isinstance(app, QApplication) and is_dark(app)])


@dataclass(frozen=True)
class _Row:
    """One night, worked out once: what each column shows, and how it sorts."""

    night: Night
    texts: tuple[str, ...]
    keys: tuple[object, ...]
    dose_changed: bool


def _rows(nights: list[Night]) -> list[_Row]:
    rows = []
    previous: float | None = None
    for night in sorted(nights, key=lambda n: n.date):
        dose = night.dose_mg
        changed = dose is not None and previous is not None and dose != previous
        mark = ("▲ " if dose > previous else "▼ ") if changed else ""  # type: ignore[operator]
        flags = ", ".join(RED_FLAG_LABELS[f] for f in sorted(night.red_flags))
        texts = (
            weekday_day(night.date),
            "" if dose is None else f"{mark}{mg(dose)}",
            "" if night.symptom_severity is None else f"{night.symptom_severity}/10",
            "" if night.sleep_quality is None else f"{night.sleep_quality}/10",
            side_effects_text(night),
            f"⚠ {flags}" if flags else "",
            night.notes.replace("\n", " "),
        )
        keys = tuple(
            -1 if value is None else value
            for value in (
                night.date.toordinal(),
                dose,
                night.symptom_severity,
                night.sleep_quality,
                night.worst_grade,
                len(night.red_flags),
                night.notes.lower(),
            )
        )
        rows.append(_Row(night, texts, keys, changed))
        if dose is not None:
            previous = dose
    return rows


class NightsTableModel(QAbstractTableModel):
    """A thin mapping of display roles onto Night records. Each row is worked out once when the
    nights change, and sorting happens here in Python's sort, not row by row through Qt: ten
    years of nights stay quick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_nights(self, nights: list[Night]) -> None:
        self.beginResetModel()
        self._rows = _rows(nights)
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = [row.night.date for row in self._rows]
        self._sort = (column, order)
        self._sort_rows()
        moved = {row.night.date: index for index, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(moved[before[i.row()]], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(
            key=lambda row: (row.keys[column], row.keys[0]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def night_at(self, row: int) -> Night:
        return self._rows[row].night

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # On two lines: a header as wide as "Warning signs" took the notes' room.
            return COLUMNS[section].replace(" ", "\n") if section in TWO_LINE else COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.dose_changed:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and column == EFFECTS_COLUMN:
            return grade_tint(row.night.worst_grade) if row.night.worst_grade else None
        if role == Qt.ItemDataRole.ForegroundRole and column == EFFECTS_COLUMN:
            return _tint_text() if row.night.worst_grade else None
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTES_COLUMN and row.night.notes:
            return row.night.notes  # whole, line breaks and all: the cell shows one line
        if role == Qt.ItemDataRole.ToolTipRole and column in (EFFECTS_COLUMN, FLAGS_COLUMN):
            return row.texts[column] or None  # a narrow column elides it
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.texts[column] or _("not recorded")
        return None


def side_effects_text(night: Night) -> str:
    if not night.side_effects_recorded and night.worst_grade is None:
        return ""
    parts = [
        effect_at_grade(effect, night.grade(effect) or 0)
        for effect in SIDE_EFFECTS
        if night.grade(effect)
    ]
    text = ", ".join(parts) if parts else pgettext("side effects", "none")
    return text.capitalize() if language.current() == "en" else text[:1].upper() + text[1:]


class DateRangeFilter(QSortFilterProxyModel):
    """Filters by dates; sorting is left to the source model (see NightsTableModel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        assert isinstance(source, NightsTableModel)
        source.sort(column, order)

    def set_range(self, first: date | None, last: date | None) -> None:
        self.beginFilterChange()
        self._first, self._last = first, last
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, NightsTableModel)
        day = model.night_at(source_row).date
        return (self._first is None or day >= self._first) and (
            self._last is None or day <= self._last
        )
