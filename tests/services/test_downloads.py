"""Price and settings downloads against the simulator on every family, verified by reading
back; a read-back that differs is reported and recorded; the "not in sync" list; re-send."""

from __future__ import annotations

import json

import pytest

from app.errors import CannotDo, PermissionDenied, ValidationError
from app.messages import Message
from app.models import Meter, ParamSync, SystemLog
from app.serial_io.meter_data import MeterParams
from app.services import downloads, param_sync, tariffs
from app.services.grid_data import load_grid_rows
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE
from tests.tariff_helpers import TOU_DRAFT, install_fake_batches, mixed_site

TOU_PRICES = (12000, 9500, 7000, 3500)
TOU_SEGMENTS = ((0, 3), (480, 1), (660, 0), (780, 2), (1080, 1), (1320, 3))


@pytest.fixture
def site(database, master_key, monkeypatch):
    site = mixed_site(master_key)
    site.batches = install_fake_batches(monkeypatch, site.worker)
    return site


def _download(site, number, command, actor=MAINTENANCE):
    return downloads.submit_download(site.worker, actor, site.ids[number], command).result()


def _log(action):
    return [(r.result) for r in SystemLog.select().where(SystemLog.action == action)]


def test_assign_downloads_the_tariff_to_a_default_meter(site):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    result = tariffs.assign(ADMIN, v.tariff_id, [site.ids["D1"]])
    assert site.batches.results[site.ids["D1"]].kind == "download_price"  # ran, no error
    held = site.sim_meter("D1").params
    assert (held.prices, held.segments) == (TOU_PRICES, TOU_SEGMENTS)
    sync = ParamSync.get_by_id(site.ids["D1"])
    assert sync.in_sync and sync.checked_at is not None
    assert json.loads(sync.read_json)["prices"] == list(TOU_PRICES)
    assert _log("download.price") == ["ok"]
    assert result.batch_id == 1


def test_price_download_with_a_ladder_and_an_override(site):
    v = tariffs.create(ADMIN, tariffs.TariffDraft("H", "ladder", ["0.55"], (), [("200", "0.05")]))
    tariffs.assign(ADMIN, v.tariff_id, [site.ids["D1"]], price_override="0.6")
    held = site.sim_meter("D1").params
    assert (held.prices, held.ladder) == ((6000,) * 4, ((20000, 500),))


def test_ddsy_takes_the_prices_and_says_the_segments_stay(site):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    tariffs.assign(ADMIN, v.tariff_id, [site.ids["A2"]])
    meter = site.sim_meter("A2")
    segments_before = meter.params.segments
    message = _download(site, "A2", "download_price")
    assert message.template == downloads.PRICE_DONE_PRICES_ONLY
    assert meter.params.prices == TOU_PRICES
    assert meter.params.segments == segments_before  # its own time-of-use table
    assert ParamSync.get_by_id(site.ids["A2"]).in_sync


def test_adf400l_has_no_price_download_but_takes_settings(site):
    f4 = site.ids["F4-3"]
    meter = site.sim_meter("F4-3")
    before = meter.params
    v = tariffs.create(ADMIN, TOU_DRAFT)
    tariffs.assign(ADMIN, v.tariff_id, [f4])  # recorded; nothing queued for it
    assert site.batches.started == []
    with pytest.raises(CannotDo):
        _download(site, "F4-3", "download_price")
    assert meter.params == before
    Meter.update(alarm1=4000, alarm2=1200, overload_w=3500).where(Meter.id == f4).execute()
    message = _download(site, "F4-3", "download_settings")
    assert message.template == downloads.SETTINGS_DONE
    assert (meter.params.alarm1, meter.params.alarm2, meter.params.overload_w) == (4000, 1200, 3500)
    assert ParamSync.get_by_id(f4).in_sync  # prices are not held by this family: not compared
    assert _log("download.price") == ["failed"] and _log("download.settings") == ["ok"]


@pytest.mark.parametrize("number", ["D1", "A2"])
def test_settings_download_on_default_and_ddsy(site, number):
    m = site.ids[number]
    Meter.update(alarm1=3300, alarm2=700, overload_w=5000).where(Meter.id == m).execute()
    message = _download(site, number, "download_settings")
    held = site.sim_meter(number).params
    assert (held.alarm1, held.alarm2) == (3300, 700)
    if number == "D1":
        assert message.template == downloads.SETTINGS_DONE and held.overload_w == 5000
    else:
        assert message.template == downloads.SETTINGS_DONE_NO_OVERLOAD
    assert ParamSync.get_by_id(m).in_sync


@pytest.mark.parametrize("command", ["download_price", "download_settings"])
def test_adl400_is_refused_both(site, command):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    tariffs.assign(ADMIN, v.tariff_id, [site.ids["L5"]])
    with pytest.raises(CannotDo):
        _download(site, "L5", command)


def test_a_meter_without_a_tariff_gets_no_price_download(site):
    with pytest.raises(ValidationError) as info:
        _download(site, "D1", "download_price")
    assert info.value.template == downloads.NO_TARIFF
    assert site.sim_meter("D1").params == MeterParams()


def test_a_cashier_may_not_download(site):
    with pytest.raises(PermissionDenied):
        _download(site, "D1", "download_settings", CASHIER)


def _deaf(meter):
    """The simulated meter answers the write but keeps its old parameters."""

    class Deaf(type(meter)):
        params = property(lambda self: self.__dict__["_kept"], lambda self, value: None)

    meter.__dict__["_kept"] = meter.__dict__.pop("params")
    meter.__class__ = Deaf


@pytest.mark.parametrize("number", ["D1", "A2"])
def test_a_read_back_that_differs_is_reported_and_recorded(site, number):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    _deaf(site.sim_meter(number))
    tariffs.assign(ADMIN, v.tariff_id, [site.ids[number]])
    error = site.batches.results[site.ids[number]]
    assert isinstance(error, downloads.ReadBackDiffers)
    sync = ParamSync.get_by_id(site.ids[number])
    assert not sync.in_sync and sync.checked_at is not None
    assert json.loads(sync.read_json)["prices"] == [10000] * 4  # what it was found to hold
    assert _log("download.price") == ["failed"]
    assert [u.meter_id for u in param_sync.unsynced()] == [site.ids[number]]
    expected = ("prices", "segments") if number == "D1" else ("prices",)  # A2: no segments held
    assert param_sync.unsynced()[0].fields == expected


def test_check_sync_flags_a_meter_changed_behind_our_back(site):
    v = tariffs.create(ADMIN, TOU_DRAFT)
    d1 = site.ids["D1"]
    tariffs.assign(ADMIN, v.tariff_id, [d1])
    assert param_sync.unsynced_ids() == frozenset()
    meter = site.sim_meter("D1")
    meter.params = MeterParams(prices=(1, 1, 1, 1), segments=meter.params.segments)
    assert downloads.submit_check(site.worker, d1).result() is False
    assert param_sync.unsynced_ids() == {d1}
    flagged = {r.number for r in load_grid_rows() if r.params_unsynced}
    assert flagged == {"D1"}
    assert param_sync.unsynced()[0].fields == ("prices",)

    ids = downloads.resend(MAINTENANCE, [d1])
    assert [c for c, _m, _a in site.batches.started[-2:]] == ["download_price", "download_settings"]
    assert len(ids) == 2
    assert meter.params.prices == TOU_PRICES
    assert param_sync.unsynced_ids() == frozenset()


def test_resend_refuses_meters_that_can_take_nothing_and_a_cashier(site):
    with pytest.raises(ValidationError):
        downloads.resend(MAINTENANCE, [site.ids["L5"]])
    with pytest.raises(PermissionDenied):
        downloads.resend(CASHIER, [site.ids["D1"]])
    assert site.batches.started == []


def test_a_result_crosses_a_process_as_json():
    from app.services import jobs

    message = Message(downloads.PRICE_DONE, {"version": 3})
    data = jobs.encode_result("download_price", message)
    assert jobs.decode_result("download_price", json.loads(json.dumps(data))) == message
