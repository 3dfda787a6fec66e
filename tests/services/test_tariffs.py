"""Tariff drafts refused by name with nothing written; versions never edited; assignment
history and what each meter should hold; the download queued as a batch."""

from __future__ import annotations

import dataclasses
import json

import pytest

from app.errors import InvalidField, PermissionDenied, ValidationError
from app.models import Meter, MeterTariff, ParamSync, SystemLog, Tariff, TariffVersion
from app.services import tariffs
from app.services.tariffs import Span, TariffDraft
from tests.billing_helpers import ADMIN, MAINTENANCE
from tests.tariff_helpers import LADDER_DRAFT, TOU_DRAFT, install_fake_batches, mixed_site

BOTH_DATABASES = True

NEW_PRICES = dataclasses.replace(TOU_DRAFT, prices=["1.3", "1", "0.7", "0.35"])
FULL_DAY = [Span(0, 480, 3), Span(480, 1080, 1), Span(1080, 1440, 2)]


def _tou(spans=FULL_DAY, prices=("1.2", "0.95", "0.7", "0.35")) -> TariffDraft:
    return TariffDraft("T", "tou", list(prices), spans)


def _nothing_written() -> None:
    assert Tariff.select().count() == 0
    assert TariffVersion.select().count() == 0
    assert SystemLog.select().where(SystemLog.action.startswith("tariff")).count() == 0


@pytest.mark.parametrize(
    ("spans", "template", "params"),
    [
        ([Span(0, 600, 3), Span(540, 1440, 1)], tariffs.SEG_OVERLAP,
         {"first": "00:00–10:00", "second": "09:00–24:00"}),
        ([Span(0, 480, 3), Span(540, 1440, 1)], tariffs.SEG_GAP,
         {"start": "08:00", "end": "09:00"}),
        ([Span(0, 480, 3), Span(480, 1380, 1)], tariffs.SEG_GAP,
         {"start": "23:00", "end": "24:00"}),
        ([Span(60, 1440, 3)], tariffs.SEG_GAP, {"start": "00:00", "end": "01:00"}),
        ([Span(0, 480, 3), Span(480, 1500, 1)], tariffs.SEG_AFTER_MIDNIGHT,
         {"start": "08:00", "end": "25:00"}),
        ([Span(0, 480, 3), Span(480, 900, 1), Span(480, 1440, 2)], tariffs.SEG_SAME_START,
         {"start": "08:00"}),
        ([Span(0, 480, 3), Span(480, 480, 1), Span(480, 1440, 2)], tariffs.SEG_EMPTY_SPAN,
         {"start": "08:00", "end": "08:00"}),
        ([Span(i * 160, (i + 1) * 160, 2) for i in range(9)], tariffs.SEG_TOO_MANY,
         {"count": 9}),
        ([], tariffs.SEG_NONE, {}),
        ([Span(0, 1440, 4)], tariffs.SEG_BAD_RATE, {"start": "00:00", "end": "24:00"}),
    ],
)  # fmt: skip
def test_bad_segments_are_refused_by_name(database, spans, template, params):
    with pytest.raises(InvalidField) as info:
        tariffs.create(ADMIN, _tou(spans))
    assert (info.value.field, info.value.template) == ("segments", template)
    assert {k: str(v) for k, v in info.value.params.items()} == {
        k: str(v) for k, v in params.items()
    }
    _nothing_written()


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("0", tariffs.PRICE_NOT_POSITIVE),
        ("0.0000", tariffs.PRICE_NOT_POSITIVE),
        ("-0.5", tariffs.PRICE_NOT_POSITIVE),
        ("0.85001", tariffs.PRICE_DECIMALS),
        ("abc", tariffs.PRICE_NOT_NUMBER),
        ("", tariffs.PRICE_NOT_NUMBER),
        ("NaN", tariffs.PRICE_NOT_NUMBER),
        ("500000", tariffs.PRICE_TOO_LARGE),
    ],
)
def test_bad_prices_are_refused_by_name(database, text, template):
    with pytest.raises(InvalidField) as info:
        tariffs.create(ADMIN, _tou(prices=("1.2", text, "0.7", "0.35")))
    assert (info.value.field, info.value.template) == ("price.1", template)
    assert info.value.params["what"] == "Peak"
    _nothing_written()


def test_prices_are_read_as_yuan_with_four_decimals():
    assert tariffs.parse_price("0.8500") == 8500
    assert tariffs.parse_price(" 1.2 ") == 12000
    assert tariffs.parse_price("0.0001") == 1
    assert tariffs.format_price(8500) == "0.8500"


@pytest.mark.parametrize("text", ["1e-999999999", "1e999999"])
def test_an_exponent_beyond_decimal_range_is_refused_by_name_never_zero(text):
    """Decimal underflows a tiny price to 0 (a free tariff) and overflows a huge one
    (a traceback): both are refused as a field error."""
    with pytest.raises(InvalidField):
        tariffs.parse_price(text)
    with pytest.raises(InvalidField):
        tariffs.parse_kwh(text, 1)


@pytest.mark.parametrize(
    ("steps", "template"),
    [
        ([("200", "0.05"), ("200", "0.10")], tariffs.LADDER_NOT_RISING),
        ([("300", "0.05"), ("200", "0.10")], tariffs.LADDER_NOT_RISING),
        ([("0", "0.05")], tariffs.LADDER_THRESHOLD),
        ([("-5", "0.05")], tariffs.LADDER_THRESHOLD),
        ([("100.001", "0.05")], tariffs.LADDER_THRESHOLD),
        ([("100", "0.05"), ("200", "0.1"), ("300", "0.2"), ("400", "0.3")],
         tariffs.LADDER_TOO_MANY),
        ([], tariffs.LADDER_NONE),
    ],
)  # fmt: skip
def test_bad_ladders_are_refused_by_name(database, steps, template):
    with pytest.raises(InvalidField) as info:
        tariffs.create(ADMIN, TariffDraft("L", "ladder", ["0.55"], (), steps))
    assert info.value.template == template
    _nothing_written()


@pytest.mark.parametrize("adder", ["0", "-0.1", "0.00001"])
def test_a_bad_ladder_adder_is_refused(database, adder):
    with pytest.raises(InvalidField) as info:
        tariffs.create(ADMIN, TariffDraft("L", "ladder", ["0.55"], (), [("200", adder)]))
    assert info.value.field == "ladder.1"
    _nothing_written()


def test_a_blank_or_taken_name_and_a_cashier_are_refused(database):
    with pytest.raises(InvalidField):
        tariffs.create(ADMIN, dataclasses.replace(TOU_DRAFT, name="  "))
    with pytest.raises(PermissionDenied):
        tariffs.create(MAINTENANCE, TOU_DRAFT)
    _nothing_written()
    tariffs.create(ADMIN, TOU_DRAFT)
    with pytest.raises(InvalidField) as info:
        tariffs.create(ADMIN, TOU_DRAFT)
    assert info.value.template == tariffs.NAME_TAKEN


def test_the_stored_version_is_the_meters_form(database):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    assert json.loads(v.prices_json) == [12000, 9500, 7000, 3500]
    assert json.loads(v.segments_json) == [[0, 3], [480, 1], [660, 0], [780, 2], [1080, 1],
                                           [1320, 3]]  # fmt: skip
    assert tariffs.draft_of(v) == dataclasses.replace(
        TOU_DRAFT, prices=["1.2000", "0.9500", "0.7000", "0.3500"], spans=list(TOU_DRAFT.spans),
        ladder=[],
    )  # fmt: skip
    flat = tariffs.create(ADMIN, TariffDraft("F", "flat", ["0.85"]))
    assert json.loads(flat.prices_json) == [8500] * 4
    assert json.loads(flat.segments_json) == [[0, 2]]
    ladder = tariffs.create(ADMIN, LADDER_DRAFT)
    assert json.loads(ladder.ladder_json) == [[20000, 500], [40000, 3000]]


def test_an_edit_is_a_new_version_and_old_ones_stay(database):
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    before = TariffVersion.get_by_id(v1.id).__data__.copy()
    v2 = tariffs.edit(ADMIN, v1.tariff_id, NEW_PRICES)
    assert (v1.version, v2.version) == (1, 2)
    assert TariffVersion.get_by_id(v1.id).__data__ == before
    assert [v.version for v in tariffs.versions(v1.tariff_id)] == [2, 1]
    assert tariffs.current_version(v1.tariff_id).id == v2.id
    same = tariffs.edit(ADMIN, v1.tariff_id, NEW_PRICES)
    assert same.id == v2.id  # unchanged: no third version
    with pytest.raises(InvalidField):
        tariffs.edit(ADMIN, v1.tariff_id, _tou([Span(0, 600, 3), Span(500, 1440, 1)]))
    assert TariffVersion.select().count() == 2
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions == ["tariff.create", "tariff.edit"]


def test_an_archived_tariff_is_neither_edited_nor_assigned(database, master_key):
    site = mixed_site(master_key)
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    tariffs.archive(ADMIN, v1.tariff_id)
    assert tariffs.list_tariffs() == []
    with pytest.raises(ValidationError):
        tariffs.edit(ADMIN, v1.tariff_id, TOU_DRAFT)
    with pytest.raises(ValidationError):
        tariffs.assign(ADMIN, v1.tariff_id, [site.ids["D1"]])
    assert MeterTariff.select().count() == 0


def test_assign_keeps_history_wants_the_params_and_queues_a_batch(
    database, master_key, monkeypatch
):
    site = mixed_site(master_key)
    batches = install_fake_batches(monkeypatch)
    d1, a2, f4, l5 = (site.ids[n] for n in ("D1", "A2", "F4-3", "L5"))
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    first = tariffs.assign(ADMIN, v1.tariff_id, [d1, a2, f4, l5])
    assert first.queued == (d1, a2) and first.cannot == (f4, l5)
    assert batches.started == [("download_price", [d1, a2], {})]
    assert Meter.get_by_id(d1).tariff == "Shops TOU"
    wanted = json.loads(ParamSync.get_by_id(d1).wanted_json)
    assert wanted["prices"] == [12000, 9500, 7000, 3500] and wanted["alarm1"] == 2000
    assert not ParamSync.get_by_id(d1).in_sync

    v2 = tariffs.edit(ADMIN, v1.tariff_id, NEW_PRICES)
    tariffs.assign(ADMIN, v1.tariff_id, [d1], price_override="0.6000")
    rows = tariffs.history(d1)
    assert [(r.version_id, r.price_override) for r in rows] == [(v2.id, 6000), (v1.id, None)]
    assert tariffs.meter_tariff(d1).version_id == v2.id
    assert tariffs.meter_tariff(a2).version_id == v1.id  # untouched
    params = tariffs.tariff_params(v2, 6000, Meter.get_by_id(d1))
    assert params.prices == (6000,) * 4 and params.segments == (
        (0, 3),
        (480, 1),
        (660, 0),
        (780, 2),
        (1080, 1),
        (1320, 3),
    )


def test_assign_refuses_no_meters_a_bad_override_and_a_non_admin(database, master_key, monkeypatch):
    site = mixed_site(master_key)
    batches = install_fake_batches(monkeypatch)
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    with pytest.raises(ValidationError) as info:
        tariffs.assign(ADMIN, v1.tariff_id, [])
    assert info.value.template == tariffs.NO_METERS
    with pytest.raises(InvalidField):
        tariffs.assign(ADMIN, v1.tariff_id, [site.ids["D1"]], price_override="0")
    with pytest.raises(PermissionDenied):
        tariffs.assign(MAINTENANCE, v1.tariff_id, [site.ids["D1"]])
    assert MeterTariff.select().count() == 0 and ParamSync.select().count() == 0
    assert batches.started == []


@pytest.mark.parametrize(("text", "minute"), [("00:00", 0), ("8:30", 510), ("24:00", 1440)])
def test_times_of_day_are_read(text, minute):
    assert tariffs.parse_hhmm(text) == minute


@pytest.mark.parametrize("text", ["", "8", "8:3", "08:60", "24:01", "25:00", "a:00", "-1:00"])
def test_a_bad_time_of_day_is_refused_by_name(text):
    with pytest.raises(InvalidField) as info:
        tariffs.parse_hhmm(text)
    assert (info.value.field, info.value.template) == ("segments", tariffs.SEG_BAD_TIME)
