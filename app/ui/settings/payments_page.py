"""System settings, Online payments: whether tenants may buy online, limits, and each provider's
merchant credentials.

The ``pay.*`` options go through the site's settings; the credentials go to
``payments.cred`` beside the master key, sealed with it (``payments.credentials``),
never to the database. A stored secret (API v3 key, private key) is never shown
back: its field says it is stored and, left empty, keeps it. Only an
administrator sees or saves the credentials; other roles see whether each
provider is complete.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.errors import QT_TRANSLATE_NOOP, InvalidField
from app.services import site_settings
from app.services.payments import credentials
from app.services.payments.provider import ALIPAY, PROVIDERS, WECHAT
from app.services.permissions import Actor, Permission
from app.ui.auth.password_dialogs import error_label
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

BAD_PRESETS = QT_TRANSLATE_NOOP("Errors", "amounts offered: yuan separated by commas, e.g. 50,100")
FIELD_NAMES = {  # the credential fields' labels
    "mchid": QT_TRANSLATE_NOOP("PaymentsPage", "Merchant id (mchid)"),
    "appid": QT_TRANSLATE_NOOP("PaymentsPage", "App id"),
    "serial_no": QT_TRANSLATE_NOOP("PaymentsPage", "Merchant certificate serial number"),
    "apiv3_key": QT_TRANSLATE_NOOP("PaymentsPage", "API v3 key"),
    "private_key": QT_TRANSLATE_NOOP("PaymentsPage", "Merchant private key (PEM)"),
    "platform_key": QT_TRANSLATE_NOOP("PaymentsPage", "Platform public key (PEM)"),
    "platform_key_id": QT_TRANSLATE_NOOP("PaymentsPage", "Platform public key id"),
    "app_private_key": QT_TRANSLATE_NOOP("PaymentsPage", "App private key (PEM)"),
    "alipay_public_key": QT_TRANSLATE_NOOP("PaymentsPage", "Alipay public key (PEM)"),
    "base_url": QT_TRANSLATE_NOOP("PaymentsPage", "Gateway (empty: the provider's)"),
}


def yuan_list(text: str) -> str:
    """``"50, 100"`` (yuan) -> ``"5000,10000"`` (fen, as ``pay.presets`` holds them)."""
    try:
        fen = [round(float(part) * 100) for part in text.split(",") if part.strip()]
    except ValueError:
        raise InvalidField("pay.presets", BAD_PRESETS) from None
    if not fen or min(fen) <= 0:
        raise InvalidField("pay.presets", BAD_PRESETS)
    return ",".join(str(f) for f in fen)


def fen_list(text: str) -> str:
    return ", ".join(f"{int(f) / 100:g}" for f in text.split(",") if f.strip().isdigit())


class PaymentsPage(QWidget):
    def __init__(self, site, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.tabs: QTabWidget | None = None
        self.enabled, self.test_mode = QCheckBox(), QCheckBox()
        self.offered = {name: QCheckBox() for name in PROVIDERS}
        self.min_yuan, self.max_yuan = QDoubleSpinBox(), QDoubleSpinBox()
        for spin in (self.min_yuan, self.max_yuan):
            spin.setRange(0.01, 1_000_000)
            spin.setDecimals(2)
        self.presets, self.notify_base = QLineEdit(), QLineEdit()
        self.notify_base.setPlaceholderText("https://")
        self.labels: dict[str, QLabel] = {}
        self.general = QGroupBox()
        form = QFormLayout(self.general)
        offered = QHBoxLayout()
        for box in self.offered.values():
            offered.addWidget(box)
        offered.addStretch(1)
        for key, field in (
            ("enabled", self.enabled),
            ("providers", offered),
            ("min", self.min_yuan),
            ("max", self.max_yuan),
            ("presets", self.presets),
            ("notify", self.notify_base),
            ("test", self.test_mode),
        ):
            self.labels[key] = QLabel()
            form.addRow(self.labels[key], field)
        self.fields: dict[str, dict[str, QLineEdit | QPlainTextEdit]] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.states: dict[str, QLabel] = {}
        providers = QHBoxLayout()
        for provider in PROVIDERS:
            self.boxes[provider] = box = QGroupBox()
            layout = QFormLayout(box)
            self.states[provider] = QLabel()
            layout.addRow(self.states[provider])
            self.fields[provider] = {}
            for name in credentials.FIELDS[provider]:
                edit = self._field(name)
                self.fields[provider][name] = edit
                self.labels[f"{provider}.{name}"] = label = QLabel()
                layout.addRow(label, edit)
            providers.addWidget(box, 1, Qt.AlignmentFlag.AlignTop)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.store)
        self.result = error_label()
        self.saved_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save_button)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.general)
        inner.addLayout(providers)
        inner.addStretch(1)
        scroll = QScrollArea()  # the settings window is shorter than both providers' keys
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self.stored: dict[str, credentials.ProviderCredentials] | None = None  # until read
        self.set_actor(actor)
        self.retranslate()
        self.load()

    def _keys(self) -> tuple[bytes, object]:
        """The master key and its file (none when this window was opened without a site)."""
        master = getattr(self.site, "master_key", b"")
        paths = getattr(self.site, "paths", None)
        return master, (paths.key_file if paths is not None else None)

    @staticmethod
    def _field(name: str) -> QLineEdit | QPlainTextEdit:
        if name in credentials.MULTILINE:
            edit = QPlainTextEdit()
            edit.setMaximumHeight(70)
            return edit
        edit = QLineEdit()
        if name in credentials.SECRET:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    @staticmethod
    def _text(edit: QLineEdit | QPlainTextEdit) -> str:
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    # -- loading and saving -------------------------------------------------------------
    def load(self) -> None:
        master, key_file = self._keys()

        def read():
            values = {key: settings.get(key) for key in settings.OPTIONS if key.startswith("pay.")}
            if not master:  # no master key in this process: the credentials cannot be opened
                return values, {}
            stored = {p: credentials.load(master, key_file, p) for p in PROVIDERS}
            return values, stored

        run_then(read, self._loaded, lambda exc: self.result.setText(error_text(exc)), self)

    def _loaded(self, found) -> None:
        values, self.stored = found
        self.enabled.setChecked(values["pay.enabled"])
        self.test_mode.setChecked(values["pay.test_mode"])
        offered = {p.strip() for p in values["pay.providers"].split(",")}
        for name, box in self.offered.items():
            box.setChecked(name in offered)
        self.min_yuan.setValue(values["pay.min_fen"] / 100)
        self.max_yuan.setValue(values["pay.max_fen"] / 100)
        self.presets.setText(fen_list(values["pay.presets"]))
        self.notify_base.setText(values["pay.notify_base"])
        for provider, stored in self.stored.items():
            for name, edit in self.fields[provider].items():
                shown = (
                    "" if (name in credentials.SECRET or not self.editable) else stored.get(name)
                )
                if isinstance(edit, QPlainTextEdit):
                    edit.setPlainText(shown)
                else:
                    edit.setText(shown)
        self._state_texts()

    def store(self) -> None:
        if not self.editable:
            return
        self.result.clear()
        try:
            presets = yuan_list(self.presets.text())
        except InvalidField as exc:
            self.result.setText(error_text(exc))
            return
        values = {
            "pay.enabled": self.enabled.isChecked(),
            "pay.test_mode": self.test_mode.isChecked(),
            "pay.providers": ",".join(p for p, box in self.offered.items() if box.isChecked()),
            "pay.min_fen": round(self.min_yuan.value() * 100),
            "pay.max_fen": round(self.max_yuan.value() * 100),
            "pay.presets": presets,
            "pay.notify_base": self.notify_base.text().strip(),
        }
        entered = {
            provider: {name: self._text(edit) for name, edit in fields.items()}
            for provider, fields in self.fields.items()
        }
        actor, (master, key_file) = self.actor, self._keys()

        def write():
            site_settings.save_settings(actor, values)
            if not master:
                return {}
            return {p: credentials.save(actor, master, key_file, p, entered[p]) for p in entered}

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.result.setText(error_text(exc))

        self.save_button.setEnabled(False)
        self.saved_label.setText(self.tr("Saving…"))
        run_then(write, self._saved, failed, self)

    def _saved(self, stored) -> None:
        self.stored = stored
        self.save_button.setEnabled(True)
        self.saved_label.setText(self.tr("Saved. The payment service uses it from its next order."))
        for provider in PROVIDERS:
            for name in credentials.SECRET & set(self.fields[provider]):
                self.fields[provider][name].clear()
        self._state_texts()

    def set_actor(self, actor: Actor) -> None:
        """Only an administrator changes (or reads back) these."""
        self.actor = actor
        self.editable = actor.can(Permission.SETTINGS)
        for widget in (self.general, *self.boxes.values(), self.save_button):
            widget.setEnabled(self.editable)

    # -- texts ----------------------------------------------------------------------------
    def _state_texts(self) -> None:
        for provider, label in self.states.items():
            stored = (self.stored or {}).get(provider)
            label.setText(
                self.tr("Complete.")
                if stored is not None and stored.complete()
                else self.tr("Not complete: tenants cannot pay with it.")
            )
            for name in credentials.SECRET & set(self.fields[provider]):
                edit = self.fields[provider][name]
                held = stored is not None and bool(stored.get(name))
                edit.setPlaceholderText(self.tr("stored; leave empty to keep") if held else "")

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.general.setTitle(self.tr("Online purchase"))
        self.boxes[WECHAT].setTitle(self.tr("WeChat Pay"))
        self.boxes[ALIPAY].setTitle(self.tr("Alipay"))
        self.offered[WECHAT].setText(self.tr("WeChat Pay"))
        self.offered[ALIPAY].setText(self.tr("Alipay"))
        for key, text in (
            ("enabled", self.tr("Tenants may buy credit online")),
            ("providers", self.tr("Offered")),
            ("min", self.tr("Smallest purchase (yuan)")),
            ("max", self.tr("Largest purchase (yuan)")),
            ("presets", self.tr("Amounts offered (yuan)")),
            ("notify", self.tr("This site's public address")),
            ("test", self.tr("Test mode (sandbox or the local fakes)")),
        ):
            self.labels[key].setText(text)
        for provider in PROVIDERS:
            for name in credentials.FIELDS[provider]:
                label = self.labels[f"{provider}.{name}"]
                label.setText(self.tr(FIELD_NAMES[name]))
        self.save_button.setText(self.tr("Save"))
        self._state_texts()
        if self.tabs is not None:
            self.tabs.setTabText(self.tabs.indexOf(self), self.tr("Online payments"))
