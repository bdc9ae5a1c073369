"""Loaded by pytest before Django (``-p ostoja.testing.plugin``): puts Ostoja in test mode.

``--clock=2026-12-31T23:59:00+01:00`` (or ``OSTOJA_TEST_CLOCK``) starts the whole run with the
clock set to that instant, ticking from there, in every thread (the live server's too) and every
xdist worker. CI runs the suite this way at the hours and days where date arithmetic breaks:
just after midnight, New Year's Eve, 29 February and both days the clocks change in Warsaw.

``--dates-only`` keeps the tests of the modules that work with dates and times themselves (they
name a date or time API: ``datetime``, ``timedelta``, ``timezone``, ``ostoja.dates``, a clock, …);
CI runs those at every odd clock and the whole suite at the real one. A module that only renders
pages is left out of the odd clocks; its dates come from ``ostoja.dates``, whose tests run there.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from datetime import datetime
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


def works_with_dates(path: Path, cache: dict[Path, bool]) -> bool:
    if path not in cache:
        try:
            cache[path] = bool(DATE_AND_TIME.search(path.read_text(encoding="utf-8")))
        except OSError:
            cache[path] = True
    return cache[path]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("dates_only"):
        return
    cache: dict[Path, bool] = {}
    keep, drop = [], []
    for item in items:
        (keep if works_with_dates(Path(item.path), cache) else drop).append(item)
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
    value = config.getoption("clock")
    if not value:
        return
    import time_machine

    traveller = time_machine.travel(_clock_start(value), tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_report_header(config: pytest.Config) -> str | None:
    value = config.getoption("clock")
    return f"clock: the run starts at {value}" if value else None
