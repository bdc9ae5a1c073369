"""Races for tests: the same requests sent at the same instant from several threads.

Each call runs in a thread of its own, with its own database connection, and all of them are
released together by a ``threading.Barrier``. Tests that use this need committed data the threads
can see (``django_db(transaction=True)``) and a database that lets several connections write:
PostgreSQL, or SQLite in a file. ``skip_unless_concurrent_database`` skips cleanly otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

TRIALS = 20


def skip_unless_concurrent_database() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs PostgreSQL (or SQLite in a file): an in-memory test database is one connection")


def race(*calls: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Runs every call at once (one thread each); their results in order. Re-raises the first error."""
    barrier = threading.Barrier(len(calls), timeout=timeout)
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # handed to the test thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"a racing call did not finish within {timeout} seconds")
    if errors:
        raise errors[0]
    return results
