"""One simulated prepaid meter: a plain object holding everything a real meter holds.

The meter is the reference for billing tests, so its arithmetic is exact:
energy is counted in whole 0.01 kWh units from an integer watt-millisecond
accumulator, and every unit costs ``price`` x 1e-4 fen, kept in an integer
residue of 1e-4 fen so that no fraction of a fen is ever lost or invented.
Time advances in pieces that never straddle a load slot, a rate segment or
midnight, and a piece is split again where a ladder step or the balance
reaching zero changes the rules, so the price in force is always exact.
"""

from __future__ import annotations

import calendar
import logging
import time
from dataclasses import replace

from app.serial_io import security
from app.serial_io.meter_data import MeterIdentity, MeterParams, MeterStatus
from app.serial_io.simulator.load import SLOT_S, LoadProfile

log = logging.getLogger(__name__)

UNIT_WMS = 36_000_000  # watt-milliseconds in 0.01 kWh
RESIDUE_PER_FEN = 10_000  # one 0.01 kWh at price p costs p x 1e-4 fen
OVERLOAD_MS = 60_000
DAY_MS = 86_400_000
S32_MAX = 0x7FFFFFFF


def local_utc_offset() -> int:
    """This machine's current UTC offset in seconds (meters keep local time)."""
    return int(time.localtime().tm_gmtoff)


class SimMeter:
    """A meter on the simulated bus; ``advance(t)`` brings it to bus time ``t`` (unix s)."""

    def __init__(
        self,
        address: int,
        identity: MeterIdentity,
        *,
        load: LoadProfile | None = None,
        params: MeterParams | None = None,
        balance: int = 0,
        prepaid_mode: bool = True,
        purchase_count: int = 0,
        total_purchased: int = 0,
        utc_offset: int | None = None,
        profile: str = "default",
        encrypted: bool = True,
    ) -> None:
        if not 1 <= address <= 247:
            raise ValueError(f"meter address {address} is outside 1-247")
        security.check_serial(identity.serial)
        self.address = address
        self.identity = identity
        self.load = load or LoadProfile(seed=address)
        self.params = params or MeterParams()
        self.utc_offset = local_utc_offset() if utc_offset is None else utc_offset
        self.keys: security.MeterKeys | None = None
        # which personality serves it (simulator/personalities); Acrel meters: frames enciphered
        self.profile = profile
        self.encrypted = encrypted
        # non-volatile (kept across a reboot and in the state file)
        self.energy_total = 0
        self.energy_rates = [0, 0, 0, 0]
        self.balance = balance
        self.cost_residue = 0  # 1e-4 fen owed but not yet taken from the balance
        self.month_energy = 0
        self.month_key = ""
        self.purchase_count = purchase_count
        self.total_purchased = total_purchased
        self.command_counter = 0
        self.account_epoch = 0  # +1 (mod 65536) at each account opening; only moves forward
        self.prepaid_mode = prepaid_mode
        self.keep_power = False
        self.forced_trip = False
        self.overload_trip = False
        self.cover_open = False
        self.key_installed = True
        self.clock_offset_ms = 0  # meter clock minus bus time (SET_CLOCK moves it)
        self.time_ms: int | None = None  # bus time the meter was last advanced to
        self.energy_acc = 0  # watt-milliseconds toward the next 0.01 kWh
        # RAM (lost on reboot)
        self.last_result = 0
        self.overload_since: int | None = None
        self.power = 0

    def __repr__(self) -> str:
        return f"SimMeter({self.address}, {self.identity.serial!r}, balance={self.balance})"

    def set_master_key(self, master: bytes) -> None:
        self.keys = security.derive_meter_keys(master, self.identity.serial)

    # ---- state the relay follows ----
    @property
    def arrears(self) -> bool:
        return self.balance <= 0

    @property
    def arrears_trip(self) -> bool:
        return self.prepaid_mode and not self.keep_power and self.balance <= 0

    @property
    def relay_open(self) -> bool:
        return self.forced_trip or self.overload_trip or self.arrears_trip

    def reboot(self) -> None:
        """What a power cycle loses: RAM values; money and counters are non-volatile."""
        self.last_result = 0
        self.overload_since = None
        self.energy_acc = 0
        self.power = 0

    # ---- time ----
    def _local_ms(self, bus_ms: int) -> int:
        return bus_ms + self.clock_offset_ms + self.utc_offset * 1000

    def clock(self) -> int:
        """The meter clock in unix seconds."""
        return ((self.time_ms or 0) + self.clock_offset_ms) // 1000

    def set_clock(self, unix_s: int) -> None:
        self.clock_offset_ms = unix_s * 1000 - (self.time_ms or 0)

    def advance(self, to_time: float) -> None:
        """Run the meter up to bus time ``to_time``; time never runs backwards."""
        to_ms = round(to_time * 1000)
        if self.time_ms is None:
            self.time_ms = to_ms
            self._update_month()
            self.power = self._power_now()
            return
        while self.time_ms < to_ms:
            self._update_month()
            if self.relay_open:  # nothing accrues with the relay open: jump
                self.overload_since = None
                self.time_ms = to_ms
                break
            local = self._local_ms(self.time_ms)
            end = min(to_ms, self.time_ms + self._to_boundary(local))
            self._run_piece(self.time_ms, end, local)
            self.time_ms = end
        self._update_month()
        self.power = self._power_now()

    def _to_boundary(self, local_ms: int) -> int:
        """Milliseconds to the next load slot, rate segment start or midnight."""
        in_day = local_ms % DAY_MS
        minute = in_day // 60_000
        nxt = 1440
        for start, _rate in self.params.segments:
            if start > minute:
                nxt = start
                break
        seg_ms = nxt * 60_000 - in_day
        slot_ms = SLOT_S * 1000 - local_ms % (SLOT_S * 1000)
        return min(seg_ms, slot_ms)

    def _update_month(self) -> None:
        local_s = self._local_ms(self.time_ms or 0) // 1000
        tm = time.gmtime(local_s)
        key = f"{tm.tm_year:04d}-{tm.tm_mon:02d}"
        if key != self.month_key:
            if self.month_key:
                self.month_energy = 0
            self.month_key = key

    def _power_now(self) -> int:
        if self.relay_open or self.time_ms is None:
            return 0
        return self.load.power_at(self._local_ms(self.time_ms) // 1000)

    def _run_piece(self, start: int, end: int, local: int) -> None:
        """Integrate one piece of constant load and constant rate."""
        if self.relay_open:
            self.overload_since = None
            return
        power = self.load.power_at(local // 1000)
        rate = self.params.rate_at((local % DAY_MS) // 60_000)
        limit = self.params.overload_w
        if limit and power > limit and not self.keep_power:
            if self.overload_since is None:
                self.overload_since = start
            trip_at = self.overload_since + OVERLOAD_MS
            if trip_at <= end:
                self._integrate(power, trip_at - start, rate)
                if not self.relay_open:
                    self.overload_trip = True
                    log.info("meter %d tripped on overload (%d W)", self.address, power)
                self.overload_since = None
                return
        else:
            self.overload_since = None
        self._integrate(power, end - start, rate)

    def _integrate(self, power: int, dt_ms: int, rate: int) -> None:
        self.energy_acc += power * dt_ms
        units = self.energy_acc // UNIT_WMS
        self.energy_acc -= units * UNIT_WMS
        while units > 0:
            price = self.price_in_force(rate)
            chunk = units
            for threshold, _add in self.params.ladder:
                if self.month_energy < threshold:
                    chunk = min(chunk, threshold - self.month_energy)
                    break
            if self.prepaid_mode and not self.keep_power and price:  # balance > 0 here
                need = self.balance * RESIDUE_PER_FEN - self.cost_residue
                chunk = min(chunk, -(-need // price))
            self._count(chunk, rate, price)
            units -= chunk
            if self.relay_open:
                self.energy_acc = 0  # the relay opened inside this piece
                log.info("meter %d opened its relay: balance %d fen", self.address, self.balance)
                return

    def _count(self, units: int, rate: int, price: int) -> None:
        self.energy_total += units
        self.energy_rates[rate] += units
        self.month_energy += units
        if not self.prepaid_mode:
            return  # out of prepaid mode the meter only measures: no money moves
        self.cost_residue += units * price
        fen, self.cost_residue = divmod(self.cost_residue, RESIDUE_PER_FEN)
        self.balance -= fen

    def price_in_force(self, rate: int | None = None) -> int:
        if rate is None:
            rate = self.rate_in_force()
        return self.params.prices[rate] + self.params.ladder_adder(self.month_energy)

    def rate_in_force(self) -> int:
        local = self._local_ms(self.time_ms or 0)
        return self.params.rate_at((local % DAY_MS) // 60_000)

    # ---- what the status block shows ----
    def status(self) -> MeterStatus:
        power = self.power
        local_s = self._local_ms(self.time_ms or 0) // 1000
        phases = 3 if self.identity.phases == 3 else 1
        volts = [2200 + int(60 * self.load.jitter(local_s, 7 + i)) - 30 for i in range(phases)]
        pf = 1000 if power == 0 else 900 + int(90 * self.load.jitter(local_s, 3))
        amps = [round(power * 1_000_000 / (phases * v * pf)) for v in volts]
        volts += [0] * (3 - phases)
        amps += [0] * (3 - phases)
        p = self.params
        return MeterStatus(
            energy_total=self.energy_total & 0xFFFFFFFF,
            energy_sharp=self.energy_rates[0] & 0xFFFFFFFF,
            energy_peak=self.energy_rates[1] & 0xFFFFFFFF,
            energy_flat=self.energy_rates[2] & 0xFFFFFFFF,
            energy_valley=self.energy_rates[3] & 0xFFFFFFFF,
            balance=max(-S32_MAX - 1, min(S32_MAX, self.balance)),
            purchase_count=self.purchase_count,
            total_purchased=self.total_purchased & 0xFFFFFFFF,
            command_counter=self.command_counter,
            relay_open=self.relay_open,
            prepaid_mode=self.prepaid_mode,
            keep_power=self.keep_power,
            forced_trip=self.forced_trip,
            alarm1=self.balance <= p.alarm1,
            alarm2=self.balance <= p.alarm2,
            arrears=self.arrears,
            overload_trip=self.overload_trip,
            cover_open=self.cover_open,
            key_installed=self.key_installed,
            voltage_a=volts[0],
            voltage_b=volts[1],
            voltage_c=volts[2],
            current_a=amps[0],
            current_b=amps[1],
            current_c=amps[2],
            power=power,
            power_factor=pf,
            frequency=4990 + int(20 * self.load.jitter(local_s, 5)),
            rate=self.rate_in_force(),
            price=self.price_in_force(),
            clock=self.clock() & 0xFFFFFFFF,
            last_result=self.last_result,
            account_epoch=self.account_epoch,
        )

    # ---- persistence ----
    _SAVED = [
        "energy_total",
        "balance",
        "cost_residue",
        "month_energy",
        "month_key",
        "purchase_count",
        "total_purchased",
        "command_counter",
        "account_epoch",  # absent from older state files: those meters start at 0
        "prepaid_mode",
        "keep_power",
        "forced_trip",
        "overload_trip",
        "cover_open",
        "key_installed",
        "clock_offset_ms",
        "time_ms",
        "energy_acc",
    ]

    def to_state(self) -> dict:
        state = {name: getattr(self, name) for name in self._SAVED}
        state["energy_rates"] = list(self.energy_rates)
        state["serial"] = self.identity.serial
        state["params"] = {
            "prices": list(self.params.prices),
            "segments": [list(s) for s in self.params.segments],
            "ladder": [list(s) for s in self.params.ladder],
            "alarm1": self.params.alarm1,
            "alarm2": self.params.alarm2,
            "overload_w": self.params.overload_w,
        }
        return state

    def load_state(self, state: dict) -> None:
        for name in self._SAVED:
            if name in state:
                setattr(self, name, state[name])
        self.energy_rates = list(state.get("energy_rates", self.energy_rates))
        if "params" in state:
            self.params = params_from_dict(state["params"])


def params_from_dict(data: dict) -> MeterParams:
    """MeterParams from JSON-friendly lists (state and site files)."""
    base = MeterParams()
    return replace(
        base,
        prices=tuple(data.get("prices", base.prices)),
        segments=tuple(tuple(s) for s in data.get("segments", base.segments)),
        ladder=tuple(tuple(s) for s in data.get("ladder", base.ladder)),
        alarm1=data.get("alarm1", base.alarm1),
        alarm2=data.get("alarm2", base.alarm2),
        overload_w=data.get("overload_w", base.overload_w),
    )


def month_start(year: int, month: int, utc_offset: int = 0) -> int:
    """Unix seconds of local midnight on the first of a month (tests use it)."""
    return calendar.timegm((year, month, 1, 0, 0, 0)) - utc_offset
