"""The tariff editor (admin): kind, prices, the day's segments on a 24-hour bar, ladder steps,
the version history, and a preview of what a day's load costs under what is typed.

Saving a new tariff makes version 1, saving a change makes the next version
(``app.services.tariffs``); a refusal is shown in words and its field gets the
focus, and nothing is written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.errors import InvalidField, PemError
from app.serial_io.simulator.load import LoadProfile
from app.services import tariff_cost, tariffs
from app.services.money import format_fen_grouped
from app.services.permissions import Actor, Permission
from app.services.tariffs import FLAT, LADDER, TOU, Span, TariffDraft
from app.ui.support import colors, formatting
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.tariffs.segment_bar import SegmentBar, rate_title

DEFAULT_SPANS = [Span(0, 480, 3), Span(480, 1080, 1), Span(1080, 1320, 2), Span(1320, 1440, 3)]


def kind_titles() -> dict[str, str]:
    """The kinds of tariff in the operator's language (the editor and the list)."""
    return {
        FLAT: QCoreApplication.translate("TariffEditor", "Flat (one price)"),
        TOU: QCoreApplication.translate("TariffEditor", "Time-of-use (four rates)"),
        LADDER: QCoreApplication.translate("TariffEditor", "Ladder (monthly steps)"),
    }


class TariffEditor(QDialog):
    """New tariff (``tariff_id`` None) or a new version of one; ``assign_requested`` asks
    the caller to open the meter picker for the saved tariff."""

    saved = Signal(int)  # tariff id
    assign_requested = Signal(int)

    def __init__(self, actor: Actor, tariff_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tariffEditor")
        self.actor = actor
        self.tariff_id = tariff_id
        self.setWindowTitle(self.tr("Tariff"))
        self._build()
        if tariff_id is not None:
            self._show_draft(tariffs.draft_of(tariffs.current_version(tariff_id)))
            self._show_history(tariffs.versions(tariff_id))
        else:
            self._set_spans(DEFAULT_SPANS)
            self._kind_changed()
            self._show_history([])

    # ---- building --------------------------------------------------------------------
    def _build(self) -> None:
        root = QHBoxLayout(self)
        left, right = QVBoxLayout(), QVBoxLayout()
        root.addLayout(left, 3)
        root.addLayout(right, 2)

        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key, title in kind_titles().items():
            self.kind.addItem(title, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Kind:"), self.kind)
        left.addLayout(form)

        prices_box = QGroupBox(self.tr("Prices (yuan per kWh)"))
        self.price_form = QFormLayout(prices_box)
        self.prices = []
        for i in range(4):
            edit = QLineEdit()
            edit.setObjectName(f"price.{i}")
            edit.setPlaceholderText("0.0000")
            edit.textChanged.connect(self._changed)
            self.prices.append(edit)
            self.price_form.addRow(rate_title(i) + ":", edit)
        left.addWidget(prices_box)

        self.segments_box = QGroupBox(self.tr("Daily time segments (up to 8, covering 24 hours)"))
        seg = QVBoxLayout(self.segments_box)
        self.bar = SegmentBar()
        self.bar.setObjectName("segmentBar")
        seg.addWidget(self.bar)
        self.segments = QTableWidget(0, 3)
        self.segments.setObjectName("segments")
        self.segments.setHorizontalHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Rate")])
        self.segments.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.segments.itemChanged.connect(self._changed)
        seg.addWidget(self.segments)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add segment"))
        add.clicked.connect(self._add_segment)
        remove = QPushButton(self.tr("Remove segment"))
        remove.clicked.connect(lambda: self._remove_row(self.segments))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        seg.addLayout(buttons)
        self.segment_problem = QLabel()
        self.segment_problem.setObjectName("segmentProblem")
        self.segment_problem.setWordWrap(True)
        self.segment_problem.setStyleSheet(f"color: {colors.ERROR}")
        seg.addWidget(self.segment_problem)
        left.addWidget(self.segments_box)

        self.ladder_box = QGroupBox(self.tr("Ladder (up to 3 monthly steps)"))
        lad = QVBoxLayout(self.ladder_box)
        self.ladder = QTableWidget(0, 2)
        self.ladder.setObjectName("ladder")
        self.ladder.setHorizontalHeaderLabels(
            [self.tr("From monthly kWh"), self.tr("Price added (yuan per kWh)")]
        )
        self.ladder.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lad.addWidget(self.ladder)
        lbuttons = QHBoxLayout()
        ladd = QPushButton(self.tr("Add step"))
        ladd.clicked.connect(lambda: self._add_step("", ""))
        lremove = QPushButton(self.tr("Remove step"))
        lremove.clicked.connect(lambda: self._remove_row(self.ladder))
        lbuttons.addWidget(ladd)
        lbuttons.addWidget(lremove)
        lbuttons.addStretch()
        lad.addLayout(lbuttons)
        left.addWidget(self.ladder_box)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {colors.ERROR}")
        left.addWidget(self.error)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.assign_button = QPushButton(self.tr("Assign to meters…"))
        self.assign_button.setObjectName("assign")
        self.assign_button.clicked.connect(self._assign)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.assign_button)
        row.addStretch()
        row.addWidget(close)
        left.addLayout(row)
        left.addStretch()

        history_box = QGroupBox(self.tr("Versions"))
        hl = QVBoxLayout(history_box)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.history.setMaximumHeight(120)
        hl.addWidget(self.history)
        right.addWidget(history_box)

        preview_box = QGroupBox(self.tr("Preview: what one day costs"))
        pv = QVBoxLayout(preview_box)
        pform = QFormLayout()
        self.load_kind = QComboBox()
        self.load_kind.setObjectName("loadKind")
        for key, title in (
            ("shop", self.tr("Shop")),
            ("office", self.tr("Office (weekday)")),
            ("home", self.tr("Home")),
            ("typed", self.tr("Typed: kWh in each hour")),
        ):
            self.load_kind.addItem(title, key)
        self.hourly = QLineEdit()
        self.hourly.setObjectName("hourly")
        self.hourly.setPlaceholderText(self.tr("24 amounts, 00-01 first, separated by spaces"))
        self.month_used = QLineEdit("0")
        self.month_used.setObjectName("monthUsed")
        pform.addRow(self.tr("Load:"), self.load_kind)
        pform.addRow(self.tr("kWh per hour:"), self.hourly)
        pform.addRow(self.tr("Used this month before the day (kWh):"), self.month_used)
        pv.addLayout(pform)
        run = QPushButton(self.tr("Preview"))
        run.setObjectName("preview")
        run.clicked.connect(self.preview)
        pv.addWidget(run)
        self.result = QTableWidget(5, 2)
        self.result.setObjectName("previewResult")
        self.result.setHorizontalHeaderLabels([self.tr("kWh"), self.tr("Cost (yuan)")])
        self.result.setVerticalHeaderLabels([rate_title(i) for i in range(4)] + [self.tr("Total")])
        self.result.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.result.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        pv.addWidget(self.result)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        pv.addWidget(self.preview_note)
        right.addWidget(preview_box)
        right.addStretch()
        self.resize(1080, 720)
        can_edit = self.actor.can(Permission.SETTINGS)
        self.save_button.setEnabled(can_edit)
        self.assign_button.setEnabled(can_edit and self.tariff_id is not None)

    # ---- rows ------------------------------------------------------------------------
    def _rate_combo(self, rate: int) -> QComboBox:
        combo = QComboBox()
        for i in range(4):
            combo.addItem(rate_title(i), i)
        combo.setCurrentIndex(rate if 0 <= rate <= 3 else 2)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _add_segment(self, span: Span | None = None) -> None:
        if not isinstance(span, Span):
            last = self.typed_spans()[-1:] if self.segments.rowCount() else []
            start = last[0].end if last else 0
            span = Span(start, tariffs.DAY_MINUTES, 2)
        self.segments.blockSignals(True)
        row = self.segments.rowCount()
        self.segments.insertRow(row)
        self.segments.setItem(row, 0, QTableWidgetItem(tariffs.hhmm(span.start)))
        self.segments.setItem(row, 1, QTableWidgetItem(tariffs.hhmm(span.end)))
        self.segments.setCellWidget(row, 2, self._rate_combo(span.rate))
        self.segments.blockSignals(False)
        self._changed()

    def _set_spans(self, spans: list[Span]) -> None:
        self.segments.setRowCount(0)
        for span in spans:
            self._add_segment(span)

    def _add_step(self, kwh: str, adder: str) -> None:
        row = self.ladder.rowCount()
        self.ladder.insertRow(row)
        self.ladder.setItem(row, 0, QTableWidgetItem(kwh))
        self.ladder.setItem(row, 1, QTableWidgetItem(adder))

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        table.removeRow(row if row >= 0 else table.rowCount() - 1)
        self._changed()

    @staticmethod
    def _text(table: QTableWidget, row: int, col: int) -> str:
        item = table.item(row, col)
        return item.text() if item is not None else ""

    def typed_spans(self) -> list[Span]:
        """The segment rows as spans (refuses a time that is not HH:MM)."""
        out = []
        for row in range(self.segments.rowCount()):
            start = tariffs.parse_hhmm(self._text(self.segments, row, 0))
            end = tariffs.parse_hhmm(self._text(self.segments, row, 1))
            combo = self.segments.cellWidget(row, 2)
            out.append(Span(start, end, combo.currentData() if combo else 2))
        return out

    def draft(self) -> TariffDraft:
        kind = self.kind.currentData()
        count = 4 if kind == TOU else 1
        ladder = [
            (self._text(self.ladder, r, 0), self._text(self.ladder, r, 1))
            for r in range(self.ladder.rowCount())
        ]
        return TariffDraft(
            self.name.text(),
            kind,
            [e.text() for e in self.prices[:count]],
            self.typed_spans() if kind == TOU else (),
            ladder if kind == LADDER else (),
        )

    # ---- reacting --------------------------------------------------------------------
    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        tou = kind == TOU
        for i in range(1, 4):
            self.prices[i].setVisible(tou)
            self.price_form.labelForField(self.prices[i]).setVisible(tou)
        self.price_form.labelForField(self.prices[0]).setText(
            (rate_title(0) if tou else self.tr("Price")) + ":"
        )
        self.segments_box.setVisible(tou)
        self.ladder_box.setVisible(kind == LADDER)
        if kind == LADDER and self.ladder.rowCount() == 0:
            self._add_step("", "")
        self._changed()

    def _changed(self, *_args) -> None:
        """Redraw the bar and say at once what the save would refuse about the segments."""
        try:
            spans = self.typed_spans()
        except InvalidField as exc:
            self.segment_problem.setText(error_text(exc))
            return
        self.bar.set_spans(spans)
        try:
            tariffs.check_spans(spans)
            self.segment_problem.setText("")
        except InvalidField as exc:
            self.segment_problem.setText(error_text(exc))

    # ---- loading, saving -------------------------------------------------------------
    def _show_draft(self, draft: TariffDraft) -> None:
        self.name.setText(draft.name)
        self.name.setReadOnly(True)  # accounts name it: a new name would be a new tariff
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        for edit, text in zip(self.prices, draft.prices, strict=False):
            edit.setText(text)
        if draft.kind == TOU:
            self._set_spans(list(draft.spans))
        else:
            self._set_spans(DEFAULT_SPANS)
        self.ladder.setRowCount(0)
        for kwh, adder in draft.ladder:
            self._add_step(kwh, adder)
        self._kind_changed()

    def _show_history(self, versions: list) -> None:
        self.history.clear()
        if self.tariff_id is None:
            self.history.addItem(self.tr("Not saved yet"))
            return
        for v in versions:
            when = v.created_at.strftime("%Y-%m-%d %H:%M") if v.created_at else ""
            self.history.addItem(
                self.tr("Version %1 — %2, %3")
                .replace("%1", str(v.version))
                .replace("%2", when)
                .replace("%3", v.created_by)
            )

    def save(self) -> Future | None:
        """Create or make a new version off the GUI thread; the future of (version, its draft,
        the history), or None when what is typed is refused before anything is asked."""
        self.error.setText("")
        try:
            draft = self.draft()
        except PemError as exc:
            self._show_error(exc)
            return None
        actor, tariff_id = self.actor, self.tariff_id
        self.save_button.setEnabled(False)

        def store() -> tuple:
            if tariff_id is None:
                version = tariffs.create(actor, draft)
            else:
                version = tariffs.edit(actor, tariff_id, draft)
            return version, tariffs.draft_of(version), tariffs.versions(version.tariff_id)

        return run_then(store, self._saved, self._save_failed, self)

    def _saved(self, stored: tuple) -> None:
        version, draft, history = stored
        self.save_button.setEnabled(True)
        self.tariff_id = version.tariff_id
        self._show_draft(draft)
        self._show_history(history)
        self.assign_button.setEnabled(True)
        self.error.setStyleSheet(f"color: {colors.OK}")
        self.error.setText(self.tr("Saved as version %1.").replace("%1", str(version.version)))
        self.saved.emit(self.tariff_id)

    def _save_failed(self, exc: BaseException) -> None:
        """Nothing was written: the reason is shown and its field gets the focus."""
        self.save_button.setEnabled(True)
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        self.error.setStyleSheet(f"color: {colors.ERROR}")
        self.error.setText(error_text(exc))
        name = getattr(exc, "field", "")
        target = {"name": self.name, "kind": self.kind, "segments": self.segments,
                  "ladder": self.ladder}.get(name)  # fmt: skip
        if name.startswith("price."):
            target = self.prices[int(name.split(".")[1])]
        elif name.startswith("ladder."):
            target = self.ladder
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _assign(self) -> None:
        if self.tariff_id is not None:
            self.assign_requested.emit(self.tariff_id)

    # ---- preview ---------------------------------------------------------------------
    def _load_shape(self):
        """The simulator's day shapes (200 W always on, 2 kW at the busy hours) or typed."""
        kind = self.load_kind.currentData()
        if kind == "typed":
            return tariff_cost.hourly_kwh(self.hourly.text().replace(",", " ").split())
        return LoadProfile(kind=kind, base_w=200, peak_w=2000, seed=1)

    def preview(self) -> tariff_cost.CostPreview | None:
        """Cost of one day (a weekday, this month) under what is typed now."""
        self.preview_note.setText("")
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        day_start = calendar.timegm(monday.timetuple())  # the meter's local midnight
        try:
            spec = tariffs.check_draft(self.draft())
            load = self._load_shape()
            month = tariff_cost.month_used(self.month_used.text())
            result = tariff_cost.preview(spec.params(), load, day_start, month)
        except PemError as exc:
            self.preview_note.setStyleSheet(f"color: {colors.ERROR}")
            self.preview_note.setText(error_text(exc))
            return None
        for i in range(4):
            self._cell(i, result.energy[i], result.cost[i])
        self._cell(4, result.total_energy, result.total_fen)
        self.preview_note.setStyleSheet("")
        if spec.ladder and any(month < t <= result.month_energy_after for t, _a in spec.ladder):
            self.preview_note.setText(self.tr("A ladder step is crossed during this day."))
        return result

    def _cell(self, row: int, energy: int, fen: int) -> None:
        for col, text in ((0, formatting.kwh(energy)), (1, format_fen_grouped(fen))):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.result.setItem(row, col, item)
