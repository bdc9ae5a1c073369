"""The browser tests' live server answers requests made at the same moment.

On SQLite the test database lives in memory and the live server's request threads share the test's
one connection; two requests in a transaction at once (every request is one, ATOMIC_REQUESTS) made
the second fail with "cannot start a transaction within a transaction" — a page left open by one
browser tab polling while another tab loads a page was enough.
"""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_requested_at_the_same_moment_all_answer(live_server):
    def fetch(_: int) -> int:
        with urllib.request.urlopen(f"{live_server.url}/pl/rights/", timeout=30) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(fetch, range(48)))
    assert statuses == [200] * 48
