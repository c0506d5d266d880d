"""History: every night in a table, sortable, filtered by dates, with edit and delete."""

from __future__ import annotations

from dataclasses import dataclass
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
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
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

from rlstracker.domain.models import (
    GRADE_NAMES,
    RED_FLAG_LABELS,
    SIDE_EFFECT_NAMES,
    SIDE_EFFECTS,
    Night,
)
from rlstracker.ui.night_form import from_qdate, to_qdate

COLUMNS = ("Night of", "Magnesium", "Symptoms", "Sleep", "Side effects", "Warning signs", "Notes")
_Index = QModelIndex | QPersistentModelIndex
# Background tints by worst side-effect grade; translucent so they work in light and dark.
GRADE_TINTS = {1: QColor(230, 180, 0, 70), 2: QColor(230, 110, 0, 90), 3: QColor(200, 0, 40, 110)}


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
            f"{night.date:%a} {night.date.isoformat()}",
            "" if dose is None else f"{mark}{dose:g} mg",
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
        if role == Qt.ItemDataRole.BackgroundRole and column == 4 and row.night.worst_grade:
            return GRADE_TINTS[row.night.worst_grade]
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.night.notes:
            return row.night.notes
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.texts[column] or "not recorded"
        return None


def side_effects_text(night: Night) -> str:
    if not night.side_effects_recorded and night.worst_grade is None:
        return ""
    parts = [
        f"{GRADE_NAMES[night.grade(effect) or 0]} {SIDE_EFFECT_NAMES[effect].lower()}"
        for effect in SIDE_EFFECTS
        if night.grade(effect)
    ]
    return (", ".join(parts) if parts else "none").capitalize()


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


class HistoryPanel(QWidget):
    edit_requested = Signal(object)  # Night
    delete_requested = Signal(object)  # Night

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._narrowed = False  # the person chose dates; keep them when nights change
        self._span: tuple[date, date] | None = None  # the first and last night
        self._waiting: list[Night] | None = None  # nights not yet shown (the panel is hidden)
        self._read_only = False
        self._model = NightsTableModel(self)
        self._proxy = DateRangeFilter(self)
        self._proxy.setSourceModel(self._model)

        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit, name in ((self.first_edit, "Show nights from"), (self.last_edit, "to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.all_button = QPushButton("Show &all")
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self._proxy)
        self.table.setAccessibleName("Nights")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # measure a sample of rows, not ten years
        header.setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        self.edit_button = QPushButton("Edit &night…")
        self.delete_button = QPushButton("&Delete night")
        legend = QLabel(
            "▲ ▼ dose changed   ·   tinted: side effects (darker is worse)   ·   ⚠ warning signs"
        )
        legend.setWordWrap(True)

        top = QHBoxLayout()
        from_label = QLabel("Fro&m:")
        from_label.setBuddy(self.first_edit)
        to_label = QLabel("T&o:")
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
        # "activated": a double-click, or Enter on the selected row.
        self.table.activated.connect(self._on_edit_button_clicked)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    @property
    def model(self) -> NightsTableModel:
        self._catch_up()
        return self._model

    @property
    def proxy(self) -> DateRangeFilter:
        self._catch_up()
        return self._proxy

    def set_nights(self, nights: list[Night]) -> None:
        """Show these nights; while the panel is hidden, only remember them (a table of ten
        years is worked out when someone looks at it, not on every save)."""
        self._waiting = nights
        if self.isVisible():
            self._catch_up()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        if self._waiting is None:
            return
        nights, self._waiting = self._waiting, None
        selected = self.selected_night()
        self._model.set_nights(nights)
        if nights:
            first, last = min(n.date for n in nights), max(n.date for n in nights)
            self._span = (first, last)
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
        self._catch_up()
        for row in range(self._proxy.rowCount()):
            source = self._proxy.mapToSource(self._proxy.index(row, 0))
            if self._model.night_at(source.row()).date == day:
                self.table.selectRow(row)
                return

    def selected_night(self) -> Night | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self._model.night_at(self._proxy.mapToSource(rows[0]).row())

    def _show_range(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self._proxy.set_range(first, last)
        self._refresh_count()

    def _on_range_changed(self, _: QDate) -> None:
        self._narrowed = True
        self._proxy.set_range(from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date()))
        self._refresh_count()

    def _on_all_button_clicked(self) -> None:
        self._narrowed = False
        if self._span is not None:
            self._show_range(*self._span)

    def _refresh_count(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        self.count_label.setText(f"{shown} of {total} nights shown")

    def set_read_only(self, read_only: bool) -> None:
        """Nights can be read but not edited or deleted, whatever is selected later."""
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_night() is not None and not self._read_only
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        for button in (self.edit_button, self.delete_button):
            button.setToolTip("This diary is read-only" if self._read_only else "")

    def _on_edit_button_clicked(self, *_: object) -> None:
        night = self.selected_night()
        if night is not None and not self._read_only:
            self.edit_requested.emit(night)

    def _on_delete_button_clicked(self) -> None:
        night = self.selected_night()
        if night is not None and not self._read_only:
            self.delete_requested.emit(night)
