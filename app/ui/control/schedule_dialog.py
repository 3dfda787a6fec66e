"""The schedule editor: name, command, which meters, when (a window with holidays), on/off.

What is typed is checked by the service (``schedules.validate``); a refusal
is shown under the form and the field it names gets the focus, so the rules
live in one place. The next due times are previewed as the form changes, so
an administrator sees "Fri 18:00 keep power on, Mon 08:00 restore prepaid"
before saving.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidField, PemError
from app.services import schedules
from app.services.permissions import Actor
from app.services.schedule_times import (
    DAILY,
    END,
    KINDS,
    LAST_MONTH_DAY,
    MONTHLY,
    ONCE,
    WEEKLY,
    WINDOW,
    When,
    local_zone,
    to_local,
    upcoming,
)
from app.services.schedules import COMMANDS, UNDO, ScheduleSpec
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

CONTEXT = "ScheduleEditor"
COMMAND_LABELS = {
    "trip": QT_TRANSLATE_NOOP("ScheduleEditor", "Trip (switch the power off)"),
    "close": QT_TRANSLATE_NOOP("ScheduleEditor", "Close (release a trip)"),
    "keep_power_on": QT_TRANSLATE_NOOP("ScheduleEditor", "Keep power on"),
    "keep_power_off": QT_TRANSLATE_NOOP("ScheduleEditor", "Restore prepaid control"),
    "prepaid_on": QT_TRANSLATE_NOOP("ScheduleEditor", "Prepaid mode on"),
    "prepaid_off": QT_TRANSLATE_NOOP("ScheduleEditor", "Prepaid mode off"),
    "download_price": QT_TRANSLATE_NOOP("ScheduleEditor", "Download prices"),
    "download_settings": QT_TRANSLATE_NOOP("ScheduleEditor", "Download settings"),
}
KIND_LABELS = {
    ONCE: QT_TRANSLATE_NOOP("ScheduleEditor", "Once"),
    DAILY: QT_TRANSLATE_NOOP("ScheduleEditor", "Every day"),
    WEEKLY: QT_TRANSLATE_NOOP("ScheduleEditor", "Every week"),
    MONTHLY: QT_TRANSLATE_NOOP("ScheduleEditor", "Every month"),
    WINDOW: QT_TRANSLATE_NOOP("ScheduleEditor", "Window every week, and holidays"),
}
SELECTION_LABELS = {
    "all": QT_TRANSLATE_NOOP("ScheduleEditor", "All meters"),
    "building": QT_TRANSLATE_NOOP("ScheduleEditor", "All meters of a building"),
    "bus": QT_TRANSLATE_NOOP("ScheduleEditor", "All meters of a bus"),
    "meters": QT_TRANSLATE_NOOP("ScheduleEditor", "These meters"),
}
WEEKDAYS = (
    QT_TRANSLATE_NOOP("ScheduleEditor", "Mon"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Tue"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Wed"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Thu"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Fri"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Sat"),
    QT_TRANSLATE_NOOP("ScheduleEditor", "Sun"),
)
DATE_FORMAT, TIME_FORMAT = "yyyy-MM-dd", "HH:mm"


def translated(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("ScheduleEditor", ...) in the operator's language."""
    return QCoreApplication.translate(CONTEXT, text)


def command_label(command: str) -> str:
    return translated(COMMAND_LABELS[command]) if command in COMMAND_LABELS else command


def _time_edit(value: dt.time = dt.time(0, 0)) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat(TIME_FORMAT)
    return edit


def _py_time(edit: QTimeEdit) -> dt.time:
    t = edit.time()
    return dt.time(t.hour(), t.minute())


def _py_date(edit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class _Edge(QWidget):
    """A weekday and a time: one end of the window."""

    def __init__(self, day: int, time: dt.time) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.day = QComboBox()
        self.day.addItems([translated(d) for d in WEEKDAYS])
        self.day.setCurrentIndex(day)
        self.time = _time_edit(time)
        row.addWidget(self.day)
        row.addWidget(self.time)
        row.addStretch()

    def value(self) -> tuple[int, dt.time]:
        return self.day.currentIndex(), _py_time(self.time)

    def set_value(self, edge: tuple[int, dt.time]) -> None:
        self.day.setCurrentIndex(edge[0])
        self.time.setTime(QTime(edge[1].hour, edge[1].minute))


class ScheduleEditor(QDialog):
    """Add (``schedule_id`` None) or edit one schedule; ``saved`` once the service took it."""

    saved = Signal(int)

    def __init__(
        self, actor: Actor, schedule_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor, self.schedule_id = actor, schedule_id
        self._args: dict = {}
        self.zone = local_zone()
        self.setWindowTitle(
            QCoreApplication.translate("ScheduleEditor", "New schedule")
            if schedule_id is None
            else QCoreApplication.translate("ScheduleEditor", "Edit schedule")
        )
        self._build()
        self._changed()
        self.loaded = False
        self.save_button.setEnabled(False)  # until the choices (and the schedule) are read
        run_then(lambda: _load(actor, schedule_id), self._show_loaded, self._load_failed, self)

    def _show_loaded(self, loaded: tuple) -> None:
        (buildings, buses), versions, spec, numbers = loaded
        for box, items in ((self.building, buildings), (self.bus, buses)):
            for item_id, name in items:
                box.addItem(name, item_id)
        for version_id, name in versions:
            self.tariff_version.addItem(name, version_id)
        if spec is not None:
            self.set_spec(spec, numbers)
        self._changed()
        self.loaded = True
        self.save_button.setEnabled(True)

    def _load_failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))  # Save stays disabled: nothing sound to store

    # ---- the form ----
    def _build(self) -> None:
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        form.addRow(QCoreApplication.translate("ScheduleEditor", "Name"), self.name)
        self.command = QComboBox()
        self.command.setObjectName("command")
        for c in COMMANDS:
            self.command.addItem(command_label(c), c)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "Command"), self.command)
        self.tariff_version = QComboBox()
        self.tariff_version.addItem(
            QCoreApplication.translate("ScheduleEditor", "What each meter should hold"), None
        )
        self.tariff_label = QLabel(QCoreApplication.translate("ScheduleEditor", "Tariff version"))
        form.addRow(self.tariff_label, self.tariff_version)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "Meters"), self._meters_row())
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in KINDS:
            self.kind.addItem(translated(KIND_LABELS[k]), k)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "When"), self.kind)
        self.pages = QStackedWidget()
        for build in (self._once, self._daily, self._weekly, self._monthly, self._window):
            self.pages.addWidget(build())
        form.addRow(self.pages)
        form.addRow(self._limits_row())
        self.enabled = QCheckBox(QCoreApplication.translate("ScheduleEditor", "Enabled"))
        self.enabled.setChecked(True)
        form.addRow(self.enabled)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "Next runs"), self.preview)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(colors.text_style(colors.ERROR))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._show_page)
        self.command.setCurrentIndex(self.command.findData("keep_power_on"))  # never trip unasked
        self._show_page(0)
        for signal in (
            self.kind.currentIndexChanged,
            self.command.currentIndexChanged,
            self.name.textChanged,
        ):
            signal.connect(self._changed)
        self.command.currentIndexChanged.connect(self._suggest_end_command)
        self._suggest_end_command()

    def _show_page(self, index: int) -> None:
        """Only the chosen form takes room (a stack is otherwise as tall as its tallest page)."""
        self.pages.setCurrentIndex(index)
        self.pages.setFixedHeight(self.pages.currentWidget().sizeHint().height())
        self.adjustSize()

    def _meters_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.selection = QComboBox()
        self.selection.setObjectName("selection")
        for key, label in SELECTION_LABELS.items():
            self.selection.addItem(translated(label), key)
        self.building, self.bus = QComboBox(), QComboBox()
        self.meter_list = QLineEdit()
        self.meter_list.setPlaceholderText(
            QCoreApplication.translate("ScheduleEditor", "meter numbers: M001, M005")
        )
        for w in (self.selection, self.building, self.bus, self.meter_list):
            row.addWidget(w)
        self.selection.currentIndexChanged.connect(self._show_selection)
        self._show_selection()
        return box

    def _show_selection(self) -> None:
        key = self.selection.currentData()
        self.building.setVisible(key == "building")
        self.bus.setVisible(key == "bus")
        self.meter_list.setVisible(key == "meters")

    def _once(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        tomorrow = QDateTime.currentDateTime().addDays(1)
        self.at = QDateTimeEdit(QDateTime(tomorrow.date(), QTime(0, 0)))
        self.at.setDisplayFormat(f"{DATE_FORMAT} {TIME_FORMAT}")
        self.at.setCalendarPopup(True)
        self.at.dateTimeChanged.connect(self._changed)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "At"), self.at)
        return page

    def _daily(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.daily_time = _time_edit(dt.time(8, 0))
        self.daily_time.timeChanged.connect(self._changed)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "At"), self.daily_time)
        return page

    def _weekly(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekdays = []
        for name in WEEKDAYS:
            box = QCheckBox(translated(name))
            box.toggled.connect(self._changed)
            row.addWidget(box)
            self.weekdays.append(box)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "On"), days)
        self.weekly_time = _time_edit(dt.time(8, 0))
        self.weekly_time.timeChanged.connect(self._changed)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "At"), self.weekly_time)
        return page

    def _monthly(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.month_day = QSpinBox()
        self.month_day.setRange(1, LAST_MONTH_DAY)
        self.month_day.valueChanged.connect(self._changed)
        form.addRow(
            QCoreApplication.translate("ScheduleEditor", "Day of the month"), self.month_day
        )
        self.monthly_time = _time_edit()
        self.monthly_time.timeChanged.connect(self._changed)
        form.addRow(QCoreApplication.translate("ScheduleEditor", "At"), self.monthly_time)
        return page

    def _window(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.window_start = _Edge(4, dt.time(18, 0))
        self.window_end = _Edge(0, dt.time(8, 0))
        for edge in (self.window_start, self.window_end):
            edge.day.currentIndexChanged.connect(self._changed)
            edge.time.timeChanged.connect(self._changed)
        self.end_command = QComboBox()
        self.end_command.setObjectName("end_command")
        for c in COMMANDS:
            self.end_command.addItem(command_label(c), c)
        self.end_command.currentIndexChanged.connect(self._changed)
        grid.addWidget(QLabel(QCoreApplication.translate("ScheduleEditor", "From")), 0, 0)
        grid.addWidget(self.window_start, 0, 1)
        grid.addWidget(QLabel(QCoreApplication.translate("ScheduleEditor", "To")), 1, 0)
        grid.addWidget(self.window_end, 1, 1)
        grid.addWidget(QLabel(QCoreApplication.translate("ScheduleEditor", "Then")), 2, 0)
        grid.addWidget(self.end_command, 2, 1)
        grid.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "ScheduleEditor", "Holidays (whole days inside the window)"
                )
            ),
            3,
            0,
            1,
            2,
        )
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(lambda _d: self.add_holiday())
        self.holidays = QListWidget()
        self.holidays.setObjectName("holidays")
        self.holidays.setSortingEnabled(True)
        add = QPushButton(QCoreApplication.translate("ScheduleEditor", "Add day"))
        add.setObjectName("add_holiday")
        add.clicked.connect(lambda _checked=False: self.add_holiday())
        remove = QPushButton(QCoreApplication.translate("ScheduleEditor", "Remove day"))
        remove.clicked.connect(self._remove_holiday)
        side = QVBoxLayout()
        side.addWidget(self.holidays)
        side.addWidget(add)
        side.addWidget(remove)
        grid.addWidget(self.calendar, 4, 0, 1, 2)
        grid.addLayout(side, 4, 2)
        return page

    def _limits_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.limited = QCheckBox(QCoreApplication.translate("ScheduleEditor", "Only from"))
        today = QDate.currentDate()
        self.first_day, self.last_day = QDateEdit(today), QDateEdit(today.addYears(1))
        for edit in (self.first_day, self.last_day):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self._changed)
        self.limited.toggled.connect(self._changed)
        row.addWidget(self.limited)
        row.addWidget(self.first_day)
        row.addWidget(QLabel(QCoreApplication.translate("ScheduleEditor", "until")))
        row.addWidget(self.last_day)
        row.addStretch()
        return box

    # ---- holidays ----
    def add_holiday(self, day: dt.date | None = None) -> None:
        if day is None:
            d = self.calendar.selectedDate()
            day = dt.date(d.year(), d.month(), d.day())
        text = day.isoformat()
        if not self.holidays.findItems(text, Qt.MatchFlag.MatchExactly):
            self.holidays.addItem(text)
        self._mark_holidays()
        self._changed()

    def _mark_holidays(self) -> None:
        """Holidays stand out in the calendar (bold on the selection colour)."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        mark = QTextCharFormat()
        mark.setFontWeight(QFont.Weight.Bold)
        mark.setBackground(QColor(colors.SELECTION_COLOR).lighter(170))
        for i in range(self.holidays.count()):
            self.calendar.setDateTextFormat(
                QDate.fromString(self.holidays.item(i).text(), DATE_FORMAT), mark
            )

    def _remove_holiday(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))
        self._mark_holidays()
        self._changed()

    # ---- spec <-> form ----
    def _suggest_end_command(self) -> None:
        undo = UNDO.get(self.command.currentData())
        if undo:
            self.end_command.setCurrentIndex(self.end_command.findData(undo))

    def selection_value(self) -> dict:
        key = self.selection.currentData()
        if key == "all":
            return {"all": True}
        if key == "meters":
            return {"meters": schedules.meter_ids_by_number(self.meter_list.text())}
        box = self.building if key == "building" else self.bus
        return {key: box.currentData()} if box.currentData() is not None else {"meters": []}

    def when_value(self) -> When:
        kind = self.kind.currentData()
        limits = {}
        if self.limited.isChecked() and kind != ONCE:
            limits = {"first": _py_date(self.first_day), "last": _py_date(self.last_day)}
        if kind == ONCE:
            q = self.at.dateTime()
            d, t = q.date(), q.time()
            return When(ONCE, at=dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))
        if kind == DAILY:
            return When(DAILY, time=_py_time(self.daily_time), **limits)
        if kind == WEEKLY:
            days = tuple(i for i, b in enumerate(self.weekdays) if b.isChecked())
            return When(WEEKLY, time=_py_time(self.weekly_time), days=days, **limits)
        if kind == MONTHLY:
            return When(
                MONTHLY, time=_py_time(self.monthly_time), day=self.month_day.value(), **limits
            )
        items = (self.holidays.item(i).text() for i in range(self.holidays.count()))
        holidays = tuple(dt.date.fromisoformat(text) for text in items)
        return When(
            WINDOW,
            start=self.window_start.value(),
            end=self.window_end.value(),
            holidays=holidays,
            end_command=self.end_command.currentData(),
            **limits,
        )

    def spec(self) -> ScheduleSpec:
        """What the form says (may raise InvalidField for meter numbers that do not exist)."""
        args = dict(self._args)
        args.pop("tariff_version", None)
        if self.command.currentData() == "download_price" and self.tariff_version.currentData():
            args["tariff_version"] = self.tariff_version.currentData()
        return ScheduleSpec(
            name=self.name.text(),
            command=self.command.currentData(),
            selection=self.selection_value(),
            when=self.when_value(),
            args=args,
            enabled=self.enabled.isChecked(),
        )

    def set_spec(self, spec: ScheduleSpec, meter_numbers: str | None = None) -> None:
        """Show ``spec``; ``meter_numbers`` are its meters' numbers when it names meters (read
        off the GUI thread with the spec; asked here when not given)."""
        self._args = dict(spec.args)
        self.name.setText(spec.name)
        self.command.setCurrentIndex(self.command.findData(spec.command))
        index = self.tariff_version.findData(spec.args.get("tariff_version"))
        self.tariff_version.setCurrentIndex(max(index, 0))
        key = next((k for k in ("all", "building", "bus", "meters") if k in spec.selection), "all")
        self.selection.setCurrentIndex(self.selection.findData(key))
        if key in ("building", "bus"):
            box = self.building if key == "building" else self.bus
            box.setCurrentIndex(max(box.findData(spec.selection[key]), 0))
        elif key == "meters":
            if meter_numbers is None:
                meter_numbers = schedules.meter_numbers(spec.selection["meters"])
            self.meter_list.setText(meter_numbers)
        w = spec.when
        self.kind.setCurrentIndex(self.kind.findData(w.kind))
        q = lambda t: QTime(t.hour, t.minute)  # noqa: E731
        if w.kind == ONCE and w.at:
            self.at.setDateTime(QDateTime(QDate(w.at.year, w.at.month, w.at.day), q(w.at.time())))
        self.daily_time.setTime(q(w.time))
        self.weekly_time.setTime(q(w.time))
        self.monthly_time.setTime(q(w.time))
        for i, box in enumerate(self.weekdays):
            box.setChecked(i in w.days)
        self.month_day.setValue(w.day)
        if w.kind == WINDOW:
            self.window_start.set_value(w.start)
            self.window_end.set_value(w.end)
            self.end_command.setCurrentIndex(self.end_command.findData(w.end_command))
            self.holidays.clear()
            for day in w.holidays:
                self.holidays.addItem(day.isoformat())
            self._mark_holidays()
        self.limited.setChecked(bool(w.first or w.last))
        if w.first:
            self.first_day.setDate(QDate(w.first.year, w.first.month, w.first.day))
        if w.last:
            self.last_day.setDate(QDate(w.last.year, w.last.month, w.last.day))
        self.enabled.setChecked(spec.enabled)

    # ---- preview and save ----
    def _changed(self, *_args) -> None:
        is_price = self.command.currentData() == "download_price"
        self.tariff_version.setVisible(is_price)
        self.tariff_label.setVisible(is_price)
        self.error.clear()
        try:
            spec = self.spec()
            spec.when.check()
        except PemError as exc:
            self.preview.setText("—")
            self.error.setText(error_text(exc))
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        lines = []
        for due in upcoming(spec.when, now, self.zone, 4):
            command = spec.when.end_command if due.edge == END else spec.command
            at = to_local(due.at, self.zone)
            day = translated(WEEKDAYS[at.weekday()])
            lines.append(f"{day} {at:%Y-%m-%d %H:%M}  {command_label(command)}")
        self.preview.setText(
            "\n".join(lines) or QCoreApplication.translate("ScheduleEditor", "never")
        )

    def save(self) -> None:
        """Check and store through the service off the GUI thread; a refusal stays in the form."""
        if not self.loaded:
            return
        try:
            spec = self.spec()
        except PemError as exc:
            self._refused(exc)
            return
        actor, schedule_id = self.actor, self.schedule_id
        self.save_button.setEnabled(False)

        def store() -> int:
            if schedule_id is None:
                return schedules.create(actor, spec)
            schedules.update(actor, schedule_id, spec)
            return schedule_id

        run_then(store, self._stored, self._refused, self)

    def _stored(self, schedule_id: object) -> None:
        self.schedule_id = int(schedule_id)
        self.saved.emit(self.schedule_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(exc))
        field = getattr(exc, "field", "") if isinstance(exc, InvalidField) else ""
        target = {
            "name": self.name,
            "command": self.command,
            "meters": self.selection,
            "end_command": self.end_command,
            "end": self.window_end,
            "last": self.last_day,
            "first": self.first_day,
            "days": self.weekdays[0],
            "at": self.at,
        }.get(field)
        if target is not None:
            target.setFocus()


def _load(actor: Actor, schedule_id: int | None) -> tuple:
    """The buildings and buses, the tariff versions, and the schedule being edited with its
    meters' numbers (a pool thread): ((buildings, buses), versions, spec | None, numbers)."""
    spec, numbers = None, None
    if schedule_id is not None:
        spec = schedules.get_spec(actor, schedule_id)
        if "meters" in spec.selection:
            numbers = schedules.meter_numbers(spec.selection["meters"])
    return schedules.selection_choices(), schedules.tariff_version_choices(), spec, numbers
