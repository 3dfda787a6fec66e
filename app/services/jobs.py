"""Meter operations as named, serialisable jobs: run here or by the bus owner's process.

SPEC "Data and operations": one process owns a bus; any other process submits
meter operations as job rows the owner runs (``bus_jobs``). A closure cannot
cross a process, so every operation that needs a meter is a ``Job``: a kind
registered here plus JSON arguments. Calling a ``Job`` with the worker's link
runs it, so a bus worker this process owns takes it exactly as it took the
closures before; ``bus_jobs`` writes its kind and arguments to a row instead.

Results and ``PemError`` refusals travel back as JSON too (``encode_result`` /
``decode_result``, ``encode_error`` / ``decode_error``), so the submitting
process shows the same sentence a local run would have shown.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.services.permissions import Actor, Role

# Modules that register job kinds; the bus owner imports them before running rows.
KIND_MODULES = (
    "app.services.billing",
    "app.services.accounts",
    "app.services.ledger_verify",
    "app.services.job_kinds",
    "app.services.remote_control",
    "app.services.site_workbook.takeover",
    "app.services.downloads",
    "app.services.batches",
    "app.services.tenant_control",
    "app.services.payments.crediting",
)


@dataclass(frozen=True)
class JobKind:
    """How to run one kind of job and how its result crosses a process."""

    run: Callable[..., Any]  # run(link, **args)
    encode: Callable[[Any], Any] = lambda result: result
    decode: Callable[[Any], Any] = lambda data: data


_KINDS: dict[str, JobKind] = {}


def register(name: str, run: Callable[..., Any], encode=None, decode=None) -> None:
    """Make ``name`` a job kind (idempotent for the same function)."""
    _KINDS[name] = JobKind(run, encode or (lambda r: r), decode or (lambda d: d))


def kind(name: str) -> JobKind:
    if name not in _KINDS:
        for module in KIND_MODULES:
            importlib.import_module(module)
    try:
        return _KINDS[name]
    except KeyError:
        raise PemError(
            QT_TRANSLATE_NOOP("Errors", "unknown job kind {kind}"), kind=repr(name)
        ) from None


@dataclass(frozen=True)
class Job:
    """One meter operation: ``kind`` and JSON-able ``args`` (see ``encode_value``)."""

    kind: str
    args: dict = field(default_factory=dict)

    def __call__(self, link) -> Any:
        decoded = {k: decode_value(v) for k, v in self.args.items()}
        return kind(self.kind).run(link, **decoded)


def make(kind_name: str, **args: Any) -> Job:
    """A job with its arguments already in their JSON form."""
    return Job(kind_name, {k: encode_value(v) for k, v in args.items()})


# ---- values that cross a process ----------------------------------------------------------
def encode_value(value: Any) -> Any:
    """Actors become tagged lists, enums their values; plain JSON values stay as they are."""
    if isinstance(value, Actor):
        return {"$actor": [value.operator_id, value.name, value.role.value]}
    if hasattr(value, "value") and hasattr(type(value), "__members__"):  # an enum member
        return value.value
    if isinstance(value, dict):
        return {k: encode_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode_value(v) for v in value]
    return value


def decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "$actor" in value:
            operator_id, name, role = value["$actor"]
            return Actor(operator_id, name, Role(role))
        return {k: decode_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    return value


def encode_result(kind_name: str, result: Any) -> Any:
    return kind(kind_name).encode(result)


def decode_result(kind_name: str, data: Any) -> Any:
    return kind(kind_name).decode(data)


def dataclass_codec(cls):
    """(encode, decode) for a frozen dataclass of plain values, and lists of them."""

    def encode(result):
        if isinstance(result, list):
            return [dataclasses.asdict(r) for r in result]
        return None if result is None else dataclasses.asdict(result)

    def decode(data):
        if isinstance(data, list):
            return [cls(**d) for d in data]
        return None if data is None else cls(**data)

    return encode, decode


def encode_error(exc: BaseException) -> dict:
    """A refusal as the submitting process needs it: its class, template and parameters."""
    if isinstance(exc, PemError):
        params = {
            k: v if isinstance(v, int | str | None) else str(v) for k, v in exc.params.items()
        }
        extra = {
            k: v
            for k, v in vars(exc).items()
            if k not in ("template", "params") and isinstance(v, int | str | None)
        }
        cls = type(exc)
        return {
            "class": f"{cls.__module__}:{cls.__qualname__}",
            "template": exc.template,
            "params": params,
            "extra": extra,
        }
    return {"class": "", "template": f"{type(exc).__name__}: {exc}", "params": {}, "extra": {}}


def decode_error(data: dict) -> PemError:
    """The refusal again, as the same PemError subclass where this process knows it."""
    cls: type = PemError
    module, _, name = (data.get("class") or "").partition(":")
    if module.startswith("app."):
        try:
            found = getattr(importlib.import_module(module), name)
            if isinstance(found, type) and issubclass(found, PemError):
                cls = found
        except (ImportError, AttributeError):
            cls = PemError
    exc = cls.__new__(cls)
    PemError.__init__(exc, data.get("template", ""), **data.get("params", {}))
    for key, value in data.get("extra", {}).items():
        setattr(exc, key, value)
    return exc


# ---- what the running job tells its row while it runs ---------------------------------------
_context = threading.local()


def note_entry(entry_id: int) -> None:
    """A money job wrote its ledger entry: the submitter can name it whatever happens next."""
    hook = getattr(_context, "on_entry", None)
    if hook is not None:
        hook(entry_id)


@contextmanager
def running_with(on_entry: Callable[[int], None] | None):
    """Context manager: ``note_entry`` calls ``on_entry`` inside it (the owner's row update)."""
    old = getattr(_context, "on_entry", None)
    _context.on_entry = on_entry
    try:
        yield
    finally:
        _context.on_entry = old
