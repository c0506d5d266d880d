"""History: every night in a table, sortable, filtered by dates, with edit and delete."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.models import RED_FLAG_LABELS, SIDE_EFFECT_NAMES, SIDE_EFFECTS, Night
from rlstracker.ui.night_form import from_qdate, to_qdate

COLUMNS = ("Night of", "Magnesium", "Symptoms", "Sleep", "Side effects", "Warning signs", "Notes")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
# Background tints by worst side-effect grade; translucent so they work in light and dark.
GRADE_TINTS = {1: QColor(230, 180, 0, 70), 2: QColor(230, 110, 0, 90), 3: QColor(200, 0, 40, 110)}


class NightsTableModel(QAbstractTableModel):
    """A thin mapping of display roles onto Night records, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nights: list[Night] = []

    def set_nights(self, nights: list[Night]) -> None:
        self.beginResetModel()
        self._nights = sorted(nights, key=lambda n: n.date)
        self.endResetModel()

    def night_at(self, row: int) -> Night:
        return self._nights[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nights)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        night = self._nights[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column)
        if role == SORT_ROLE:
            return self._sort_key(night, column)
        if role == Qt.ItemDataRole.FontRole and column == 1 and self._dose_changed(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and column == 4 and night.worst_grade:
            return GRADE_TINTS[night.worst_grade]
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and night.notes:
            return night.notes
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(index.row(), column) or "not recorded"
        return None

    def _dose_changed(self, row: int) -> bool:
        dose = self._nights[row].dose_mg
        if dose is None:
            return False
        for earlier in reversed(self._nights[:row]):
            if earlier.dose_mg is not None:
                return earlier.dose_mg != dose
        return False

    def _display(self, row: int, column: int) -> str:
        night = self._nights[row]
        if column == 0:
            return f"{night.date:%a} {night.date.isoformat()}"
        if column == 1:
            if night.dose_mg is None:
                return ""
            mark = ""
            if self._dose_changed(row):
                previous = next(
                    n.dose_mg for n in reversed(self._nights[:row]) if n.dose_mg is not None
                )
                assert previous is not None
                mark = "▲ " if night.dose_mg > previous else "▼ "
            return f"{mark}{night.dose_mg:g} mg"
        if column in (2, 3):
            value = night.symptom_severity if column == 2 else night.sleep_quality
            return "" if value is None else f"{value}/10"
        if column == 4:
            return side_effects_text(night)
        if column == 5:
            flags = ", ".join(RED_FLAG_LABELS[f] for f in sorted(night.red_flags))
            return f"⚠ {flags}" if flags else ""
        return night.notes.replace("\n", " ")

    @staticmethod
    def _sort_key(night: Night, column: int) -> object:
        values = (
            night.date.toordinal(),
            night.dose_mg,
            night.symptom_severity,
            night.sleep_quality,
            night.worst_grade,
            len(night.red_flags),
            night.notes.lower(),
        )
        value = values[column]
        return -1 if value is None else value


def side_effects_text(night: Night) -> str:
    if not night.side_effects_recorded and night.worst_grade is None:
        return ""
    parts = [
        f"{SIDE_EFFECT_NAMES[effect]} {night.grade(effect)}"
        for effect in SIDE_EFFECTS
        if night.grade(effect)
    ]
    return ", ".join(parts) if parts else "none"


class DateRangeFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None
        self.setSortRole(SORT_ROLE)

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


class HistoryPanel(QWidget):
    edit_requested = Signal(object)  # Night
    delete_requested = Signal(object)  # Night

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._narrowed = False  # the person chose dates; keep them when nights change
        self.model = NightsTableModel(self)
        self.proxy = DateRangeFilter(self)
        self.proxy.setSourceModel(self.model)

        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit, name in ((self.first_edit, "Show nights from"), (self.last_edit, "to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.all_button = QPushButton("Show &all")
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Nights")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        self.edit_button = QPushButton("&Edit night…")
        self.delete_button = QPushButton("&Delete night")
        legend = QLabel(
            "▲ ▼ dose changed   ·   tinted: side effects (darker is worse)   ·   ⚠ warning signs"
        )

        top = QHBoxLayout()
        from_label = QLabel("&From:")
        from_label.setBuddy(self.first_edit)
        to_label = QLabel("&To:")
        to_label.setBuddy(self.last_edit)
        for widget in (from_label, self.first_edit, to_label, self.last_edit, self.all_button):
            top.addWidget(widget)
        top.addWidget(self.count_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.first_edit.dateChanged.connect(self._on_range_changed)
        self.last_edit.dateChanged.connect(self._on_range_changed)
        self.all_button.clicked.connect(self._on_all_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_nights(self, nights: list[Night]) -> None:
        selected = self.selected_night()
        self.model.set_nights(nights)
        if nights:
            first, last = nights[0].date, nights[-1].date
            for edit in (self.first_edit, self.last_edit):
                edit.blockSignals(True)
                edit.setDateRange(to_qdate(first), to_qdate(last))
                edit.blockSignals(False)
            if not self._narrowed:
                self._show_range(first, last)
        self._refresh_count()
        if selected is not None:
            self.select(selected.date)
        self._update_buttons()

    def select(self, day: date) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.night_at(source.row()).date == day:
                self.table.selectRow(row)
                return

    def selected_night(self) -> Night | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.night_at(self.proxy.mapToSource(rows[0]).row())

    def _show_range(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.proxy.set_range(first, last)
        self._refresh_count()

    def _on_range_changed(self, _: QDate) -> None:
        self._narrowed = True
        self.proxy.set_range(from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date()))
        self._refresh_count()

    def _on_all_button_clicked(self) -> None:
        self._narrowed = False
        if self.model.rowCount():
            self._show_range(
                self.model.night_at(0).date, self.model.night_at(self.model.rowCount() - 1).date
            )

    def _refresh_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} nights shown")

    def _update_buttons(self) -> None:
        has = self.selected_night() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_edit_button_clicked(self) -> None:
        night = self.selected_night()
        if night is not None:
            self.edit_requested.emit(night)

    def _on_delete_button_clicked(self) -> None:
        night = self.selected_night()
        if night is not None:
            self.delete_requested.emit(night)
