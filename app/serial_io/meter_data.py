"""What a meter tells us, as frozen dataclasses independent of any register map.

Units (SPEC): money in fen (signed), energy in 0.01 kWh, price in
0.0001 yuan/kWh, voltage 0.1 V, current 0.01 A, power W, power factor 0.001,
frequency 0.01 Hz, clock in unix seconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from app.messages import Message

RATE_NAMES = ("sharp", "peak", "flat", "valley")
NO_SEGMENT = 0xFFFF  # start minute of an unused time segment


@dataclass(frozen=True)
class MeterStatus:
    energy_total: int = 0
    energy_sharp: int = 0
    energy_peak: int = 0
    energy_flat: int = 0
    energy_valley: int = 0
    balance: int = 0
    purchase_count: int = 0
    total_purchased: int = 0
    command_counter: int = 0
    relay_open: bool = False
    prepaid_mode: bool = False
    keep_power: bool = False
    forced_trip: bool = False
    alarm1: bool = False
    alarm2: bool = False
    arrears: bool = False
    overload_trip: bool = False
    cover_open: bool = False
    key_installed: bool = False
    voltage_a: int = 0
    voltage_b: int = 0
    voltage_c: int = 0
    current_a: int = 0
    current_b: int = 0
    current_c: int = 0
    power: int = 0
    power_factor: int = 0
    frequency: int = 0
    rate: int = 0
    price: int = 0
    clock: int = 0
    last_result: int = 0
    # Grows by one with every account opening (modulo 65536); every protected
    # frame carries it, so a frame made before a re-opening is refused.
    account_epoch: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


STATUS_FLAGS = (
    "relay_open",
    "prepaid_mode",
    "keep_power",
    "forced_trip",
    "alarm1",
    "alarm2",
    "arrears",
    "overload_trip",
    "cover_open",
    "key_installed",
)


@dataclass(frozen=True)
class MeterIdentity:
    serial: str
    model: int = 0
    phases: int = 1
    firmware: int = 0
    ct_ratio: int = 1
    pt_ratio: int = 1


@dataclass(frozen=True)
class MeterParams:
    """Tariff and thresholds as the meter holds them.

    ``segments``: up to 8 (start minute of day, rate index) sorted by start;
    ``ladder``: up to 3 (monthly threshold in 0.01 kWh, price adder), a
    threshold of 0 meaning unused.
    """

    prices: tuple[int, int, int, int] = (10000, 10000, 10000, 10000)
    segments: tuple[tuple[int, int], ...] = ((0, 2),)
    ladder: tuple[tuple[int, int], ...] = ()
    alarm1: int = 2000
    alarm2: int = 500
    overload_w: int = 0  # 0: no overload protection

    def __post_init__(self) -> None:
        if len(self.prices) != 4 or any(not 0 <= p <= 0xFFFFFFFF for p in self.prices):
            raise ValueError("four prices in 0.0001 yuan/kWh are required")
        if not 1 <= len(self.segments) <= 8:
            raise ValueError("between 1 and 8 time segments are required")
        starts = [s for s, _ in self.segments]
        if starts != sorted(starts) or len(set(starts)) != len(starts) or starts[0] != 0:
            raise ValueError("time segments must start at minute 0 and be strictly ascending")
        for start, rate in self.segments:
            if not 0 <= start < 1440 or not 0 <= rate <= 3:
                raise ValueError(f"bad time segment ({start}, {rate})")
        if len(self.ladder) > 3:
            raise ValueError("at most 3 ladder steps")
        thresholds = [t for t, _ in self.ladder]
        if thresholds != sorted(thresholds) or any(t <= 0 for t in thresholds):
            raise ValueError("ladder thresholds must be positive and ascending")
        if self.alarm2 > self.alarm1:
            raise ValueError("alarm 2 threshold must not exceed alarm 1 threshold")

    def rate_at(self, minute_of_day: int) -> int:
        rate = self.segments[0][1]
        for start, r in self.segments:
            if start <= minute_of_day:
                rate = r
        return rate

    def ladder_adder(self, month_energy: int) -> int:
        """Price adder once the month's energy has passed a step."""
        adder = 0
        for threshold, add in self.ladder:
            if month_energy >= threshold:
                adder = add
        return adder


@dataclass(frozen=True)
class CommStats:
    """Per-meter communication statistics kept by the bus worker."""

    answers: int = 0
    timeouts: int = 0
    crc_errors: int = 0
    exceptions: int = 0
    last_response_ms: float | None = None
    consecutive_misses: int = 0
    last_error: Message | None = None  # the last failure, translated by the UI
    extra: dict = field(default_factory=dict, compare=False)
