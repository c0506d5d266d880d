"""History: every night in a table, sortable, filtered by dates, with edit and delete."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.language import _, ngettext, pgettext
from rlstracker.domain.models import GRADE_NAMES, Night
from rlstracker.ui.fields import SettledDate, from_qdate, to_qdate
from rlstracker.ui.history_model import (
    EFFECTS_COLUMN,
    NOTES_COLUMN,
    DateRangeFilter,
    NightsTableModel,
    grade_tint,
)
from rlstracker.ui.theme import TEXT, is_dark

EFFECTS_SHARE = 0.5  # of the room the short columns leave: at most this for the side effects


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
        for edit, name in (
            (self.first_edit, _("Show nights from")),
            # Translators: the second of the two dates in "Show nights from … to …".
            (self.last_edit, pgettext("a range of dates", "to")),
        ):
            edit.setCalendarPopup(True)
            # Translators: a Qt date format (d: the day, MMM: the month's short name, yyyy: the
            # year); order it as your language writes a date, such as "d. MMM yyyy".
            edit.setDisplayFormat(_("d MMM yyyy"))
            edit.setAccessibleName(name)
        self.all_button = QPushButton(_("Show &all"))
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # "109 von 109 Nächten angezeigt" ran off the edge

        self.table = QTableView()
        self.table.setModel(self._proxy)
        self.table.setAccessibleName(_("Nights"))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # measure a sample of rows, not ten years
        # The notes take the room the short columns leave; the side effects get their width
        # only up to a share of it (see _share_width), elided beyond, whole in the tooltip.
        header.setSectionResizeMode(EFFECTS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTES_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        self.edit_button = QPushButton(_("Edit &night…"))
        self.delete_button = QPushButton(_("&Delete night"))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self._show_legend()

        top = QHBoxLayout()
        from_label = QLabel(_("Fro&m:"))
        from_label.setBuddy(self.first_edit)
        to_label = QLabel(_("T&o:"))
        to_label.setBuddy(self.last_edit)
        for widget in (from_label, self.first_edit, to_label, self.last_edit, self.all_button):
            top.addWidget(widget)
        top.addWidget(self.count_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._settled = [SettledDate(edit) for edit in (self.first_edit, self.last_edit)]
        for settled in self._settled:
            settled.changed.connect(self._on_range_changed)
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
        self._share_width()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._show_legend()  # light or dark: the table's tints changed

    def _show_legend(self) -> None:
        """The marks and the side effects' tints, each grade in the table's own colour."""
        app = QApplication.instance()
        text = TEXT[isinstance(app, QApplication) and is_dark(app)]
        swatches = " ".join(  # not user text: the markup around the grades' names
            f"<span style='background-color: {grade_tint(grade).name()}; color: {text};'>"
            f"&nbsp;{GRADE_NAMES[grade]}&nbsp;</span>"
            for grade in (1, 2, 3)
        )
        gap = "&nbsp; · &nbsp;"
        self.legend.setText(
            _("▲ ▼ dose changed {gap} side effects: {swatches} {gap} ⚠ warning signs").format(
                gap=gap, swatches=swatches
            )
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_width()

    def _share_width(self) -> None:
        """The side effects as wide as they need, but no more than their share of the room the
        short columns leave; the notes (stretched) take the rest."""
        header = self.table.horizontalHeader()
        short = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column not in (EFFECTS_COLUMN, NOTES_COLUMN)
        )
        room = self.table.viewport().width() - short
        wanted = max(
            self.table.sizeHintForColumn(EFFECTS_COLUMN), header.sectionSizeHint(EFFECTS_COLUMN)
        )
        header.resizeSection(
            EFFECTS_COLUMN,
            max(header.sectionSizeHint(EFFECTS_COLUMN), min(wanted, int(room * EFFECTS_SHARE))),
        )

    def _catch_up(self) -> None:
        if self._waiting is None:
            return
        nights, self._waiting = self._waiting, None
        selected = self.selected_night()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        selected_row = rows[0].row() if rows else None
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
        self._share_width()
        if selected is not None and not self.select(selected.date) and selected_row is not None:
            # The night is gone (deleted): the one now in its place, so that Delete can go on
            # and the keyboard keeps its place in the table.
            count = self._proxy.rowCount()
            if count:
                self.table.selectRow(min(selected_row, count - 1))
        self._update_buttons()

    def select(self, day: date) -> bool:
        """Select the night of `day`; False when it is not shown."""
        self._catch_up()
        for row in range(self._proxy.rowCount()):
            source = self._proxy.mapToSource(self._proxy.index(row, 0))
            if self._model.night_at(source.row()).date == day:
                self.table.selectRow(row)
                return True
        return False

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

    def _on_range_changed(self, _: object) -> None:
        self._narrowed = True
        self._proxy.set_range(from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date()))
        self._refresh_count()

    def _on_all_button_clicked(self) -> None:
        self._narrowed = False
        if self._span is not None:
            self._show_range(*self._span)

    def _refresh_count(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        self.count_label.setText(
            ngettext(
                "{shown} of {total} night shown", "{shown} of {total} nights shown", total
            ).format(shown=shown, total=total)
        )

    def set_read_only(self, read_only: bool) -> None:
        """Nights can be read but not edited or deleted, whatever is selected later."""
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_night() is not None and not self._read_only
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        for button in (self.edit_button, self.delete_button):
            button.setToolTip(_("This diary is read-only") if self._read_only else "")

    def _on_edit_button_clicked(self, *_args: object) -> None:
        night = self.selected_night()
        if night is not None and not self._read_only:
            self.edit_requested.emit(night)

    def _on_delete_button_clicked(self) -> None:
        night = self.selected_night()
        if night is not None and not self._read_only:
            self.delete_requested.emit(night)
