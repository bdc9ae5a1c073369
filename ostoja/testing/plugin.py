"""Loaded by pytest before Django (``-p ostoja.testing.plugin``): puts Ostoja in test mode.

``--clock=2026-12-31T23:59:00+01:00`` (or ``OSTOJA_TEST_CLOCK``) starts the whole run with the
clock set to that instant, ticking from there, in every thread (the live server's too) and every
xdist worker. CI runs the suite this way at the hours and days where date arithmetic breaks:
just after midnight, New Year's Eve, 29 February and both days the clocks change in Warsaw.

``--dates-only`` keeps the tests of the modules that work with dates and times themselves (they
name a date or time API: ``datetime``, ``timedelta``, ``timezone``, ``ostoja.dates``, a clock, …);
CI runs those at the odd clocks and the whole suite at the real one. A module that only renders
pages is left out of the odd clocks; its dates come from ``ostoja.dates``, whose tests run there.

``--clock-share=I/N`` keeps the I-th of N shares of those tests (I from 1). CI gives each of its five
odd clocks one share: every test meets one odd clock per run instead of all five, which kept CI far
beyond its time limit. The shares turn with the day, so over five days each test meets every clock,
and ``--clock-share`` with ``--randomly-seed`` of a failed run reproduces it exactly (the day is
printed in the header; ``OSTOJA_CLOCK_SHARE_DAY`` sets it).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ["OSTOJA_MODE"] = "test"
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Each test process its own person key store (ostoja/vault/personkeys.py), which commands it starts
# inherit: a rotation test rewraps every key in the store, and files outlive rolled-back tests.
_PERSON_KEYS = tempfile.mkdtemp(prefix="ostoja-person-keys-")
os.environ["OSTOJA_PERSON_KEYS_DIR"] = _PERSON_KEYS
atexit.register(shutil.rmtree, _PERSON_KEYS, ignore_errors=True)


# What a test module that works with dates or times names; matching more than needed is harmless.
DATE_AND_TIME = re.compile(
    r"\b(datetime|timedelta|timezone|dates|time_machine|clock|today|now|tzinfo|zoneinfo|WINDOWS|"
    r"date_of_birth|estimated_age|expires_at|started_at|ended_at|opened_on|closed_on|due|overdue|"
    r"shift|Shift|ical|calendar|escalat\w*|expire\w*|retention|lapse\w*|when)\b"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get("OSTOJA_TEST_CLOCK", ""),
        help="start the run with the clock at this ISO 8601 instant (with its UTC offset); it keeps ticking",
    )
    parser.addoption(
        "--dates-only",
        action="store_true",
        default=False,
        help="run only the tests of modules that work with dates and times (for the odd clocks)",
    )
    parser.addoption(
        "--clock-share",
        default="",
        help="I/N: keep the I-th of N shares of the tests, turning with the day (CI: one share per odd clock)",
    )


def works_with_dates(path: Path, cache: dict[Path, bool]) -> bool:
    if path not in cache:
        try:
            cache[path] = bool(DATE_AND_TIME.search(path.read_text(encoding="utf-8")))
        except OSError:
            cache[path] = True
    return cache[path]


def _share(value: str) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        index = count = 0
    if not 1 <= index <= count:
        raise pytest.UsageError(f"--clock-share needs I/N with 1 <= I <= N, got {value!r}")
    return index, count


def share_day() -> int:
    """The day the shares turn with: today's ordinal, or ``OSTOJA_CLOCK_SHARE_DAY``."""
    return int(os.environ.get("OSTOJA_CLOCK_SHARE_DAY") or date.today().toordinal())


def in_share(nodeid: str, index: int, count: int, day: int) -> bool:
    return (zlib.crc32(nodeid.encode()) + day) % count == index - 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    share = _share(config.getoption("clock_share"))
    if not config.getoption("dates_only") and share is None:
        return
    cache: dict[Path, bool] = {}
    day = share_day()
    keep, drop = [], []
    for item in items:
        wanted = not config.getoption("dates_only") or works_with_dates(Path(item.path), cache)
        if wanted and share is not None:
            wanted = in_share(item.nodeid, *share, day)
        (keep if wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _clock_start(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(f"--clock needs an ISO 8601 instant, got {value!r}") from error
    if moment.tzinfo is None:
        raise pytest.UsageError(f"--clock needs a UTC offset, e.g. {value}+01:00")
    return moment


def pytest_configure(config: pytest.Config) -> None:
    # One day for the controller and every xdist worker (they inherit it), even across midnight.
    os.environ.setdefault("OSTOJA_CLOCK_SHARE_DAY", str(share_day()))
    value = config.getoption("clock")
    if not value:
        return
    import time_machine

    traveller = time_machine.travel(_clock_start(value), tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    value = config.getoption("clock")
    lines = [f"clock: the run starts at {value}"] if value else []
    if config.getoption("clock_share"):
        lines.append(f"clock share: {config.getoption('clock_share')} of day {share_day()}")
    return lines or None
