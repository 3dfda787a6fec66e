"""The settings window's "SMS" page: when alarm SMS go, balance by SMS, and the texts.

Each text (per kind and language) is edited with a live preview filled with a
sample tenant and the site's name and phone, and says how it will travel:
GSM-7 or UCS2, how many characters, how many SMS parts. Edits to several
texts are kept until Save or Undo; a refused value is said under its field
(a template's under the editor, switched to the refused one). Like the
defaults page, only an administrator saves; other roles read.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.errors import InvalidField, PemError
from app.services import sms_text
from app.services.permissions import Actor, Permission
from app.ui.auth.password_dialogs import error_label
from app.ui.settings.saving import SavingPage
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)

SAMPLE_BALANCE = {  # the sample tenant's balance and days left in each kind's preview
    sms_text.ALARM1: ("18.50", "5"),
    sms_text.ALARM2: ("4.20", "1"),
    sms_text.ARREARS: ("-3.20", "0"),
    sms_text.BALANCE_REPLY: ("56.80", "12"),
    sms_text.REFUSAL: ("", ""),
}
SAMPLE_TENANT = {"zh_CN": "张三商店", "en": "Zhang San Store"}
TIME_FORMAT = "HH:mm"


def sample_values(kind: str, language: str, site: str, site_phone: str) -> dict[str, object]:
    """The fields of the preview: a made-up tenant on meter M001, this site's name and phone."""
    balance, days = SAMPLE_BALANCE[kind]
    return {
        "site": site,
        "site_phone": site_phone,
        "tenant": SAMPLE_TENANT[language],
        "account": "000001",
        "shop": "A-101",
        "meter": "M001",
        "balance": balance,
        "days_left": days,
        "last_recharge": "100.00",
        "last_recharge_at": f"{dt.date.today():%Y-%m-%d}",
    }


class SmsPage(SavingPage):
    saved = Signal(dict)  # key -> (old, new) of what the last save changed

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs: QTabWidget | None = None  # the settings window's, for this page's title
        self.texts: dict[str, str] = {}  # template key -> the text as edited
        self._build()
        self.set_actor(actor)
        self.retranslate()
        self.load()

    # -- construction ---------------------------------------------------------------
    def _build(self) -> None:
        self.enabled_check = QCheckBox()
        self.language_box = QComboBox()
        self.quiet_start, self.quiet_end = QTimeEdit(), QTimeEdit()
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat(TIME_FORMAT)
        self.cap_spin = self._spin("sms.daily_cap")
        self.attempts_spin = self._spin("sms.max_attempts")
        self.retry_spin = self._spin("sms.retry_base_s")
        self.keywords_edit = QLineEdit()
        self.keywords_edit.setMaxLength(settings.option("sms.query_keywords").max_length or 60)
        self.per_hour_spin = self._spin("sms.query_per_hour")
        self.unknown_check = QCheckBox()
        self.kind_box, self.text_language_box = QComboBox(), QComboBox()
        self.editor = QPlainTextEdit()
        self.editor.setMaximumHeight(90)
        self.fields_label = QLabel()
        self.fields_label.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setMinimumHeight(60)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setMargin(6)
        self.length_label = QLabel()
        self.errors = {key: error_label() for key in (*FORM_KEYS, "template")}
        for label in self.errors.values():
            label.hide()
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_start)
        self.quiet_to = QLabel()
        quiet.addWidget(self.quiet_to)
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        retry = QHBoxLayout()
        retry.addWidget(self.attempts_spin)
        self.retry_after = QLabel()
        retry.addWidget(self.retry_after)
        retry.addWidget(self.retry_spin)
        retry.addStretch(1)
        self.sending_box, self.query_box, self.texts_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.form_labels: dict[str, QLabel] = {}
        sending = QFormLayout(self.sending_box)
        for key, field in (
            ("sms.enabled", self.enabled_check),
            ("sms.language", self.language_box),
            ("sms.quiet_start", quiet),
            ("sms.daily_cap", self.cap_spin),
            ("sms.max_attempts", retry),
        ):
            self._row(sending, key, field)
        query = QFormLayout(self.query_box)
        for key, field in (
            ("sms.query_keywords", self.keywords_edit),
            ("sms.query_per_hour", self.per_hour_spin),
            ("sms.reply_unknown", self.unknown_check),
        ):
            self._row(query, key, field)
        pick = QHBoxLayout()
        pick.addWidget(self.kind_box, 1)
        pick.addWidget(self.text_language_box)
        texts = QVBoxLayout(self.texts_box)
        self.preview_title = QLabel()
        for widget in (self.fields_label, self.editor, self.errors["template"]):
            texts.addWidget(widget)
        texts.insertLayout(0, pick)
        texts.addWidget(self.preview_title)
        texts.addWidget(self.preview)
        texts.addWidget(self.length_label)
        texts.addStretch(1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        buttons = self.save_row()
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.sending_box)
        left.addWidget(self.query_box)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.texts_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.kind_box.currentIndexChanged.connect(self._show_template)
        self.text_language_box.currentIndexChanged.connect(self._show_template)
        self.editor.textChanged.connect(self._edited)

    def _row(self, form: QFormLayout, key: str, field) -> None:
        self.form_labels[key] = QLabel()
        cell = QVBoxLayout()
        cell.setSpacing(2)
        if isinstance(field, QWidget):
            cell.addWidget(field)
        else:
            cell.addLayout(field)
        cell.addWidget(self.errors[key])
        form.addRow(self.form_labels[key], cell)

    @staticmethod
    def _spin(key: str) -> QSpinBox:
        opt = settings.option(key)
        spin = QSpinBox()
        spin.setRange(opt.minimum or 0, opt.maximum or 2**31 - 1)
        return spin

    def set_actor(self, actor: Actor) -> None:
        """Another operator unlocked the screen: their role decides whether this page saves."""
        self._actor = actor
        self.editable = actor.can(Permission.SETTINGS)
        for widget in (self.sending_box, self.query_box):
            widget.setEnabled(self.editable)
        self.editor.setReadOnly(not self.editable)
        for button in (self.save_button, self.revert_button):
            button.setVisible(self.editable)
        self.retranslate()

    def retranslate(self) -> None:
        self.sending_box.setTitle(self.tr("Alarm SMS"))
        self.query_box.setTitle(self.tr("Balance by SMS"))
        self.texts_box.setTitle(self.tr("Texts"))
        names = {
            "sms.enabled": self.tr("Sending"),
            "sms.language": self.tr("Language"),
            "sms.quiet_start": self.tr("Quiet hours"),
            "sms.daily_cap": self.tr("Daily cap per number"),
            "sms.max_attempts": self.tr("Tries"),
            "sms.query_keywords": self.tr("Keywords"),
            "sms.query_per_hour": self.tr("Answers per number an hour"),
            "sms.reply_unknown": self.tr("Unknown numbers"),
        }
        for key, label in self.form_labels.items():
            label.setText(names[key] + ":")
        self.enabled_check.setText(self.tr("Send alarm SMS to tenants"))
        self.unknown_check.setText(self.tr("Answer with a polite refusal (else nothing)"))
        self.quiet_to.setText(self.tr("to"))
        self.retry_after.setText(self.tr("first retry after"))
        self.cap_spin.setSuffix(" " + self.tr("SMS"))
        self.retry_spin.setSuffix(" " + self.tr("s"))
        self.keywords_edit.setPlaceholderText("YE,余额")
        self.keywords_edit.setToolTip(self.tr("Separate the words with commas"))
        self.quiet_start.setToolTip(self.tr("What falls in the quiet hours is sent when they end"))
        self.preview_title.setText(self.tr("Preview with a sample tenant:"))
        fields = "  ".join("{" + f + "}" for f in sms_text.FIELDS)
        self.fields_label.setText(self.tr("Fields: %1").replace("%1", fields))
        languages = {"zh_CN": self.tr("Chinese"), "en": self.tr("English")}
        self._fill_box(self.language_box, languages)
        self._fill_box(self.text_language_box, languages)
        if self.tabs is not None:
            self.tabs.setTabText(self.tabs.indexOf(self), self.tr("SMS"))
        self._fill_box(
            self.kind_box,
            {
                sms_text.ALARM1: self.tr("Alarm 1"),
                sms_text.ALARM2: self.tr("Alarm 2"),
                sms_text.ARREARS: self.tr("Arrears"),
                sms_text.BALANCE_REPLY: self.tr("Answer to a balance query"),
                sms_text.REFUSAL: self.tr("Refusal to an unknown number"),
            },
        )
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Undo changes"))
        self.intro.setText(
            self.tr("Alarm 1, alarm 2 and arrears each send one SMS to the tenant.")
            if self.editable
            else self.tr("Only an administrator may change these settings.")
        )
        self._update_preview()

    @staticmethod
    def _fill_box(box: QComboBox, items: dict[str, str]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for data, text in items.items():
            box.addItem(text, data)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the template editor ----------------------------------------------------------
    def current_key(self) -> str:
        return sms_text.template_key(
            self.kind_box.currentData(), self.text_language_box.currentData()
        )

    def _show_template(self) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.texts.get(self.current_key(), ""))
        self.editor.blockSignals(False)
        self._update_preview()

    def _edited(self) -> None:
        self.texts[self.current_key()] = self.editor.toPlainText()
        self._update_preview()

    def _update_preview(self) -> None:
        if not hasattr(self, "length_label") or self.kind_box.currentData() is None:
            return
        kind, language = self.kind_box.currentData(), self.text_language_box.currentData()
        text = self.editor.toPlainText()
        values = sample_values(
            kind, language, str(settings.get("site.name")), str(settings.get("site.phone"))
        )
        try:
            sms_text.check_template(text)
        except InvalidField as exc:
            self._show_error("template", error_text(exc))
        else:
            self.errors["template"].hide()
        rendered = sms_text.render(text, values)
        self.preview.setText(rendered)
        length = sms_text.measure(rendered)
        self.length_label.setText(
            self.tr("%1: %2 characters, %3 SMS (%4 characters each)")
            .replace("%1", length.encoding)
            .replace("%2", str(length.units))
            .replace("%3", str(length.parts))
            .replace("%4", str(length.per_part))
        )

    # -- values ---------------------------------------------------------------------
    def load(self) -> None:
        self.enabled_check.setChecked(bool(settings.get("sms.enabled")))
        self.language_box.setCurrentIndex(self.language_box.findData(settings.get("sms.language")))
        for edit, key in ((self.quiet_start, "sms.quiet_start"), (self.quiet_end, "sms.quiet_end")):
            edit.setTime(QTime.fromString(str(settings.get(key)), TIME_FORMAT))
        for spin, key in (
            (self.cap_spin, "sms.daily_cap"),
            (self.attempts_spin, "sms.max_attempts"),
            (self.retry_spin, "sms.retry_base_s"),
            (self.per_hour_spin, "sms.query_per_hour"),
        ):
            spin.setValue(int(settings.get(key)))
        self.keywords_edit.setText(str(settings.get("sms.query_keywords")))
        self.unknown_check.setChecked(bool(settings.get("sms.reply_unknown")))
        self.texts = {key: str(settings.get(key)) for key in sms_text.TEMPLATE_KEYS.values()}
        self.text_language_box.setCurrentIndex(self.language_box.currentIndex())
        self._show_template()
        self._clear_errors()
        self.status_label.clear()

    def values(self) -> dict[str, object]:
        return {
            "sms.enabled": self.enabled_check.isChecked(),
            "sms.language": self.language_box.currentData(),
            "sms.quiet_start": self.quiet_start.time().toString(TIME_FORMAT),
            "sms.quiet_end": self.quiet_end.time().toString(TIME_FORMAT),
            "sms.daily_cap": self.cap_spin.value(),
            "sms.max_attempts": self.attempts_spin.value(),
            "sms.retry_base_s": self.retry_spin.value(),
            "sms.query_keywords": self.keywords_edit.text().strip(),
            "sms.query_per_hour": self.per_hour_spin.value(),
            "sms.reply_unknown": self.unknown_check.isChecked(),
            **self.texts,
        }

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def _show_error(self, key: str, text: str) -> None:
        label = self.errors.get(FORM_ROW.get(key, key))
        if label is None:  # a template: show that one in the editor
            kind, language = TEMPLATE_OF[key]
            self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
            self.text_language_box.setCurrentIndex(self.text_language_box.findData(language))
            label = self.errors["template"]
        label.setText(text)
        label.show()

    # -- saving ---------------------------------------------------------------------
    def save(self) -> None:
        """Check here first (each refusal at its field), then save off the GUI thread."""
        if not self.may_save():
            return
        from app.services.sms_settings import check_sms_values, save_sms_settings

        self._clear_errors()
        values = self.values()
        problems = check_sms_values(values)
        for exc in reversed(problems):
            self._show_error(exc.field, error_text(exc))
        if problems:
            return
        actor = self._actor
        self.save_in_background(lambda: save_sms_settings(actor, values))

    def _saved(self, changed: object) -> None:
        self.save_answered()
        changed = dict(changed or {})  # type: ignore[call-overload]
        self.status_label.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        self.saved.emit(changed)

    def _failed(self, exc: BaseException) -> None:
        self.save_answered()
        self.status_label.setText(error_text(exc) if isinstance(exc, PemError) else str(exc))


FORM_KEYS = (
    "sms.enabled",
    "sms.language",
    "sms.quiet_start",
    "sms.daily_cap",
    "sms.max_attempts",
    "sms.query_keywords",
    "sms.query_per_hour",
    "sms.reply_unknown",
)
FORM_ROW = {"sms.quiet_end": "sms.quiet_start", "sms.retry_base_s": "sms.max_attempts"}
TEMPLATE_OF = {key: kind_language for kind_language, key in sms_text.TEMPLATE_KEYS.items()}
