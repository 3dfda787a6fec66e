"""How the system log reads: actions, roles, results and stored messages in words.

Module functions, not model methods, so that both the log table and its
export (which runs off the GUI thread and may not touch the model) say the
same. ``QCoreApplication.translate`` is thread-safe; the context stays
"SystemLogModel", where these texts were always translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.errors import CONTEXT as ERRORS_CONTEXT
from app.messages import Message
from app.ui.support.error_text import error_text

LOG_CONTEXT = "SystemLog"  # the context of the services' log templates
CONTEXT = "SystemLogModel"
_ROLE_PARAMS = ("role", "old_role", "new_role")

ACTIONS = {
    "login.ok": QT_TRANSLATE_NOOP("SystemLogModel", "Logged in"),
    "login.failed": QT_TRANSLATE_NOOP("SystemLogModel", "Login failed"),
    "login.locked": QT_TRANSLATE_NOOP("SystemLogModel", "Account locked"),
    "session.lock": QT_TRANSLATE_NOOP("SystemLogModel", "Screen locked"),
    "session.unlock": QT_TRANSLATE_NOOP("SystemLogModel", "Screen unlocked"),
    "password.change": QT_TRANSLATE_NOOP("SystemLogModel", "Password changed"),
    "operator.first_admin": QT_TRANSLATE_NOOP("SystemLogModel", "First administrator created"),
    "operator.create": QT_TRANSLATE_NOOP("SystemLogModel", "Operator created"),
    "operator.disable": QT_TRANSLATE_NOOP("SystemLogModel", "Operator disabled"),
    "operator.enable": QT_TRANSLATE_NOOP("SystemLogModel", "Operator enabled"),
    "operator.role": QT_TRANSLATE_NOOP("SystemLogModel", "Role changed"),
    "operator.reset_password": QT_TRANSLATE_NOOP("SystemLogModel", "Password reset"),
    "operator.unlock": QT_TRANSLATE_NOOP("SystemLogModel", "Operator unlocked"),
    "tenant.create": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant created"),
    "account.open": QT_TRANSLATE_NOOP("SystemLogModel", "Account opened"),
    "account.close": QT_TRANSLATE_NOOP("SystemLogModel", "Account closed"),
    "account.transfer_out": QT_TRANSLATE_NOOP("SystemLogModel", "Balance transferred out"),
    "account.transfer_in": QT_TRANSLATE_NOOP("SystemLogModel", "Balance transferred in"),
    "sale": QT_TRANSLATE_NOOP("SystemLogModel", "Sale"),
    "refund": QT_TRANSLATE_NOOP("SystemLogModel", "Refund"),
    "correction": QT_TRANSLATE_NOOP("SystemLogModel", "Correction"),
    "alarm.purchase_count_mismatch": QT_TRANSLATE_NOOP("SystemLogModel", "Purchase count mismatch"),
    "settle": QT_TRANSLATE_NOOP("SystemLogModel", "Entry settled"),
    "chain.rekey": QT_TRANSLATE_NOOP("SystemLogModel", "Chains re-keyed"),
    "settings.change": QT_TRANSLATE_NOOP("SystemLogModel", "Settings changed"),
    "alarm.acknowledge": QT_TRANSLATE_NOOP("SystemLogModel", "Alarms acknowledged"),
    "report.cash_count": QT_TRANSLATE_NOOP("SystemLogModel", "Cash counted (closing)"),
    "archive.run": QT_TRANSLATE_NOOP("SystemLogModel", "Readings archived"),
    "backup.made": QT_TRANSLATE_NOOP("SystemLogModel", "Backup made"),
    "backup.restored": QT_TRANSLATE_NOOP("SystemLogModel", "Backup restored"),
    "tenant.sign_in": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant signed in (kiosk / mobile)"),
    "tenant.change_pin": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant changed their PIN"),
    "tenant.sign_out": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant signed out (mobile)"),
    "tenant.read": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant read their meter now"),
    "tenant.power_off": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant switched their power off"),
    "tenant.power_on": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant switched their power on"),
    "kiosk.exit_pin": QT_TRANSLATE_NOOP("SystemLogModel", "Kiosk exit PIN set"),
    "kiosk.exit_locked": QT_TRANSLATE_NOOP("SystemLogModel", "Kiosk exit locked (wrong PINs)"),
    "account.takeover": QT_TRANSLATE_NOOP("SystemLogModel", "Account taken over"),
    "meter.commission": QT_TRANSLATE_NOOP("SystemLogModel", "Meter commissioned"),
    "site.import": QT_TRANSLATE_NOOP("SystemLogModel", "Site imported"),
    "schedule.run": QT_TRANSLATE_NOOP("SystemLogModel", "Scheduled task run"),
    "schedule.catch_up": QT_TRANSLATE_NOOP("SystemLogModel", "Scheduled task run late"),
    "schedule.skip": QT_TRANSLATE_NOOP("SystemLogModel", "Scheduled task skipped"),
    "schedule.failed": QT_TRANSLATE_NOOP("SystemLogModel", "Scheduled task failed"),
    "tariff.create": QT_TRANSLATE_NOOP("SystemLogModel", "Tariff created"),
    "tariff.edit": QT_TRANSLATE_NOOP("SystemLogModel", "Tariff changed"),
    "tariff.assign": QT_TRANSLATE_NOOP("SystemLogModel", "Tariff assigned"),
    "tariff.archive": QT_TRANSLATE_NOOP("SystemLogModel", "Tariff archived"),
}

KINDS = {
    "open": QT_TRANSLATE_NOOP("SystemLogModel", "account opening"),
    "sale": QT_TRANSLATE_NOOP("SystemLogModel", "sale"),
    "refund": QT_TRANSLATE_NOOP("SystemLogModel", "refund"),
    "correction": QT_TRANSLATE_NOOP("SystemLogModel", "correction"),
    "transfer_out": QT_TRANSLATE_NOOP("SystemLogModel", "transfer out"),
    "transfer_in": QT_TRANSLATE_NOOP("SystemLogModel", "transfer in"),
    "close": QT_TRANSLATE_NOOP("SystemLogModel", "closing refund"),
}

ROLES = {
    "admin": QT_TRANSLATE_NOOP("SystemLogModel", "Administrator"),
    "cashier": QT_TRANSLATE_NOOP("SystemLogModel", "Cashier"),
    "maintenance": QT_TRANSLATE_NOOP("SystemLogModel", "Maintenance"),
    "tenant": QT_TRANSLATE_NOOP("SystemLogModel", "Tenant"),
}

RESULTS = {
    "ok": QT_TRANSLATE_NOOP("SystemLogModel", "OK"),
    "refused": QT_TRANSLATE_NOOP("SystemLogModel", "Refused"),
    "denied": QT_TRANSLATE_NOOP("SystemLogModel", "Not allowed"),
    "locked": QT_TRANSLATE_NOOP("SystemLogModel", "Locked"),
    "pending": QT_TRANSLATE_NOOP("SystemLogModel", "Pending"),
    "confirmed": QT_TRANSLATE_NOOP("SystemLogModel", "Confirmed"),
    "failed": QT_TRANSLATE_NOOP("SystemLogModel", "Failed"),
    "uncertain": QT_TRANSLATE_NOOP("SystemLogModel", "Uncertain"),
    "estimated": QT_TRANSLATE_NOOP("SystemLogModel", "Estimated"),
    "alarm": QT_TRANSLATE_NOOP("SystemLogModel", "Alarm"),
    "cleared": QT_TRANSLATE_NOOP("SystemLogModel", "Cleared"),
    "problems": QT_TRANSLATE_NOOP("SystemLogModel", "Problems found"),
}


def _label(labels: dict[str, str], key: str) -> str:
    return QCoreApplication.translate(CONTEXT, labels[key]) if key in labels else key


def action_text(action: str) -> str:
    return _label(ACTIONS, action)


def kind_text(kind: str) -> str:
    """A ledger entry's kind (the ``kind`` param of a settlement row)."""
    return _label(KINDS, kind)


def role_text(role: str) -> str:
    return _label(ROLES, role)


def result_text(result: str) -> str:
    return _label(RESULTS, result)


def message_text(stored: str) -> str:
    """A stored target or detail in the current language (an old plain row as it is)."""
    message = Message.from_json(stored)
    if message is None:
        return ""
    template = QCoreApplication.translate(LOG_CONTEXT, message.template)
    if template == message.template:  # an error's template, or an old row's sentence
        template = QCoreApplication.translate(ERRORS_CONTEXT, message.template)
    if not message.params:
        return template
    params = dict(message.params)
    if "error" in params:
        params["error"] = error_text(Message.from_json(params["error"]))
    for name in _ROLE_PARAMS:
        if name in params:
            params[name] = role_text(params[name])
    if "kind" in params:
        params["kind"] = kind_text(params["kind"])
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: show the English
        return message.text()
