"""Numbers on the command line are finite and in range, refused at parse time (issue #6, 10).

NaN, infinities, 1e308 and 0.001 s used to reach a clock, a sleep or ``int()``
and end in a traceback; now argparse stops the command with exit code 2 before
anything is opened or written.
"""

from __future__ import annotations

import argparse

import pytest

from app.cli.arg_types import finite_float, float_range, timeout_seconds
from app.cli.simulate import parse_start
from app.errors import ValidationError
from main import _subcommands, build_parser


@pytest.mark.parametrize(
    "text", ["0", "-1", "nan", "NaN", "0.001", "0.999", "1e20", "inf", "-inf", "3601", "", "x"]
)
def test_timeout_seconds_refuses_what_no_wait_can_mean(text):
    with pytest.raises(argparse.ArgumentTypeError):
        timeout_seconds(text)


@pytest.mark.parametrize(("text", "value"), [("1", 1.0), ("30", 30.0), ("3600", 3600.0)])
def test_timeout_seconds_accepts_one_second_to_one_hour(text, value):
    assert timeout_seconds(text) == value


def test_messages_say_what_is_expected():
    with pytest.raises(argparse.ArgumentTypeError, match="finite number, not 'nan'"):
        finite_float("nan")
    with pytest.raises(argparse.ArgumentTypeError, match="from 0 to 1000000 ms, not 1e308"):
        float_range(0, 1_000_000, " ms")("1e308")


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--timeout", "inf"],
        ["verify", "--timeout", "nan"],
        ["verify", "--timeout", "0"],
        ["simulate", "--speed", "NaN"],
        ["simulate", "--speed", "inf"],
        ["simulate", "--speed", "1e308"],
        ["simulate", "--speed", "-1"],
        ["simulate", "--turnaround", "nan"],
        ["simulate", "--save-every", "inf"],
    ],
)
def test_cli_refuses_bad_numbers_while_parsing(argv, capsys):
    with pytest.raises(SystemExit) as done:
        build_parser(_subcommands()).parse_args(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {argv[1]}:" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["NaN", "inf", "1e20", "-1", "9999-12-31"])
def test_simulator_start_outside_a_meter_clock_is_refused(text):
    with pytest.raises(ValidationError, match="--start"):
        parse_start(text)


def test_simulator_start_still_takes_dates_and_seconds():
    assert parse_start("0") == 0 and parse_start("1767225600") == 1767225600
    assert parse_start("2026-03-01T08:00+00:00") == 1772352000
