"""The settings window's "Defaults and collection" page: new meters' defaults, polling, receipts.

An administrator edits and saves; every other role reads the same values with
the fields locked. A refused value is said under its own field, in the
operator's language, and nothing is saved until every field is acceptable.
Saving writes one system-log row listing what changed, bumps ``config.version``
(another process serving buses reads the poll settings again), and hands the
poll settings to this process's bus workers at once (``on_saved``, normally
``Site.reload_poll_settings``): no restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.errors import InvalidField, PemError, ValidationError
from app.messages import Message
from app.services.permissions import Actor, Permission
from app.ui.auth.password_dialogs import error_label
from app.ui.settings.saving import SavingPage
from app.ui.support.error_text import error_text
from app.ui.widgets.money_edit import MoneyEdit

log = logging.getLogger(__name__)

ALARM1, ALARM2, OVERLOAD, TARIFF = (
    "meter.alarm1_fen",
    "meter.alarm2_fen",
    "meter.overload_w",
    "tariff.default",
)
INTERVAL, ALIGN, OFFLINE, FRESHNESS = (
    "poll.reading_interval_min",
    "poll.align_readings",
    "poll.offline_after",
    "poll.freshness_target_s",
)
SITE_NAME, HEADER, PHONE = "site.name", "receipt.header", "site.phone"


class DefaultsPage(SavingPage):
    """Edit (admin) or read (others) the site's defaults and collection settings.

    ``on_saved(changed)`` runs on the GUI thread after a save that changed
    something; the settings window passes ``lambda _c: site.reload_poll_settings()``.
    """

    saved = Signal(dict)  # key -> (old, new) of what the last save changed

    def __init__(
        self,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        on_saved: Callable[[dict], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._actor = actor
        self._on_saved = on_saved
        self.editable = actor.can(Permission.SETTINGS)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._build()
        self.retranslate()
        self.load()

    # -- construction ---------------------------------------------------------------
    def _build(self) -> None:
        self.alarm1_edit, self.alarm2_edit = MoneyEdit(), MoneyEdit()
        self.overload_spin = self._spin(OVERLOAD)
        self.tariff_box = QComboBox()
        self.tariff_box.setEditable(True)
        self.interval_spin = self._spin(INTERVAL)
        self.align_check = QCheckBox()
        self.offline_spin = self._spin(OFFLINE)
        self.freshness_spin = self._spin(FRESHNESS)
        self.site_name_edit, self.header_edit, self.phone_edit = (
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
        )
        widgets = {
            ALARM1: self.alarm1_edit,
            ALARM2: self.alarm2_edit,
            OVERLOAD: self.overload_spin,
            TARIFF: self.tariff_box,
            INTERVAL: self.interval_spin,
            ALIGN: self.align_check,
            OFFLINE: self.offline_spin,
            FRESHNESS: self.freshness_spin,
            SITE_NAME: self.site_name_edit,
            HEADER: self.header_edit,
            PHONE: self.phone_edit,
        }
        self.groups = [QGroupBox(), QGroupBox(), QGroupBox()]
        members = (
            (ALARM1, ALARM2, OVERLOAD, TARIFF),
            (INTERVAL, ALIGN, OFFLINE, FRESHNESS),
            (SITE_NAME, HEADER, PHONE),
        )
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        for group, keys in zip(self.groups, members, strict=True):
            form = QFormLayout(group)
            for key in keys:
                widget = widgets[key]
                self.fields[key] = widget
                self.labels[key] = QLabel()
                self.errors[key] = error_label()
                self.errors[key].hide()
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addWidget(widget)
                cell.addWidget(self.errors[key])
                form.addRow(self.labels[key], cell)
                widget.setEnabled(self.editable)
            layout.addWidget(group)
        layout.addLayout(self.save_row())
        layout.addStretch(1)
        for button in (self.save_button, self.revert_button):
            button.setVisible(self.editable)

    @staticmethod
    def _spin(key: str) -> QSpinBox:
        """A spin box bounded by the declared option, so most mistakes cannot be typed."""
        opt = settings.option(key)
        spin = QSpinBox()
        spin.setRange(opt.minimum if opt.minimum is not None else 0, opt.maximum or 2**31 - 1)
        return spin

    def retranslate(self) -> None:
        titles = (
            self.tr("Defaults for new meters"),
            self.tr("Collection"),
            self.tr("Site and receipts"),
        )
        for group, title in zip(self.groups, titles, strict=True):
            group.setTitle(title)
        for key, label in self.labels.items():
            label.setText(self.field_name(key) + ":")
        self.align_check.setText(self.tr("Take readings on the clock (:00 and :30)"))
        self.overload_spin.setSuffix(" W")
        self.overload_spin.setSpecialValueText(self.tr("none"))
        self.interval_spin.setSuffix(" " + self.tr("min"))
        self.freshness_spin.setSuffix(" " + self.tr("s"))
        self.offline_spin.setSuffix(" " + self.tr("missed polls"))
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Undo changes"))
        self.intro.setText(
            self.tr(
                "Defaults apply to meters added from now on. Collection settings apply "
                "to every bus at once, without a restart."
            )
            if self.editable
            else self.tr("Only an administrator may change these settings.")
        )

    def field_name(self, key: str) -> str:
        names = {
            ALARM1: self.tr("Alarm 1"),
            ALARM2: self.tr("Alarm 2"),
            OVERLOAD: self.tr("Overload threshold"),
            TARIFF: self.tr("Tariff"),
            INTERVAL: self.tr("Reading interval"),
            ALIGN: self.tr("Aligned readings"),
            OFFLINE: self.tr("Offline after"),
            FRESHNESS: self.tr("Status freshness target"),
            SITE_NAME: self.tr("Site name"),
            HEADER: self.tr("Receipt header"),
            PHONE: self.tr("Phone on receipts"),
        }
        return names[key]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ---------------------------------------------------------------------
    def load(self) -> None:
        """The stored values into the fields; errors cleared."""
        from app.services.accounts import tariff_names

        self.alarm1_edit.set_value_fen(int(settings.get(ALARM1)))
        self.alarm2_edit.set_value_fen(int(settings.get(ALARM2)))
        self.overload_spin.setValue(int(settings.get(OVERLOAD)))
        self.tariff_box.clear()
        self.tariff_box.addItems(tariff_names())
        self.tariff_box.setCurrentText(str(settings.get(TARIFF)))
        self.interval_spin.setValue(int(settings.get(INTERVAL)))
        self.align_check.setChecked(bool(settings.get(ALIGN)))
        self.offline_spin.setValue(int(settings.get(OFFLINE)))
        self.freshness_spin.setValue(int(settings.get(FRESHNESS)))
        self.site_name_edit.setText(str(settings.get(SITE_NAME)))
        self.header_edit.setText(str(settings.get(HEADER)))
        self.phone_edit.setText(str(settings.get(PHONE)))
        self._clear_errors()
        self.status_label.clear()

    def money_problems(self) -> dict[str, str]:
        """Money fields whose text is not an amount: key -> the reason, in words."""
        return {
            key: edit.error_text() or self.tr("Enter an amount.")
            for key, edit in ((ALARM1, self.alarm1_edit), (ALARM2, self.alarm2_edit))
            if edit.value_fen() is None
        }

    def values(self) -> dict[str, object]:
        """The fields' values (a money field that is not an amount: None)."""
        out: dict[str, object] = {
            ALARM1: self.alarm1_edit.value_fen(),
            ALARM2: self.alarm2_edit.value_fen(),
        }
        out[OVERLOAD] = self.overload_spin.value()
        out[TARIFF] = self.tariff_box.currentText().strip()
        out[INTERVAL] = self.interval_spin.value()
        out[ALIGN] = self.align_check.isChecked()
        out[OFFLINE] = self.offline_spin.value()
        out[FRESHNESS] = self.freshness_spin.value()
        out[SITE_NAME] = self.site_name_edit.text().strip()
        out[HEADER] = self.header_edit.text().strip()
        out[PHONE] = self.phone_edit.text().strip()
        return out

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_error(self, key: str, text: str) -> None:
        self.errors[key].setText(text)
        self.errors[key].show()
        self.fields[key].setFocus()

    def _field_error_text(self, exc: PemError) -> str:
        """A refusal in words, the setting named as the form names it (not its key)."""
        key = getattr(exc, "field", "")
        if "key" in exc.params and key in self.labels:
            return error_text(Message(exc.template, {**exc.params, "key": self.field_name(key)}))
        return error_text(exc) if exc.template else str(exc)

    # -- saving ---------------------------------------------------------------------
    def save(self) -> None:
        """Check every field here first (each refusal at its field), then save in the
        background; the service checks again and refuses with nothing written."""
        if not self.may_save():
            return
        from app.services.site_settings import check_values

        self._clear_errors()
        values = self.values()
        money = self.money_problems()
        problems = check_values({k: v for k, v in values.items() if k not in money})
        texts = {**money, **{exc.field: self._field_error_text(exc) for exc in problems}}
        for key in reversed(list(self.fields)):  # in form order: the focus ends on the first
            if key in texts:
                self.show_error(key, texts[key])
        if texts:
            return
        from app.services.site_settings import save_settings

        actor = self._actor
        self.save_in_background(lambda: save_settings(actor, values))

    def _saved(self, changed: object) -> None:
        self.save_answered()
        changed = dict(changed or {})  # type: ignore[call-overload]
        if not changed:
            self.status_label.setText(self.tr("Nothing changed."))
            return
        self.status_label.setText(
            self.tr("Saved: %1.").replace("%1", ", ".join(self.field_name(k) for k in changed))
        )
        if self._on_saved is not None:
            try:
                self._on_saved(changed)
            except PemError as exc:  # the settings are saved; the buses take them at restart
                log.warning("settings saved, applying them failed: %s", exc)
        self.saved.emit(changed)

    def _failed(self, exc: BaseException) -> None:
        self.save_answered()
        self.status_label.clear()
        if isinstance(exc, InvalidField) and exc.field in self.errors:
            self.show_error(exc.field, self._field_error_text(exc))
        elif isinstance(exc, ValidationError | PemError):
            self.status_label.setText(error_text(exc))
        else:
            self.status_label.setText(QCoreApplication.translate("DefaultsPage", "Internal error."))
