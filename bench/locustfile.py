"""A bounded concurrent load on loopback: staff reading their audited pages (``locust -f``).

Each simulated user is one of the bench staff (``ostoja bench sessions`` prints their signed-in,
second-factor-verified session ids into ``BENCH_SESSIONS``) and keeps requesting a mix of the
pages they use every day: the dashboard, "my cases", a case file, all open cases, the emergencies
board. Every one of these requests writes audit rows; ``ostoja audit verify`` after the run shows
the chain intact. See docs/PERFORMANCE.md for the command lines and the results.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

SESSIONS = json.loads(os.environ["BENCH_SESSIONS"])  # {"manager": {"session": ..., "cases": [...]}, ...}


class Staff(HttpUser):
    wait_time = between(0.05, 0.2)

    def read(self, url: str, name: str) -> None:
        """A read that counts as failed unless the page itself came back (not the sign-in page)."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    def on_start(self) -> None:
        self.role = random.choice(["manager", "manager", "supervisor", "duty"])
        me = SESSIONS[self.role]
        self.cases = me["cases"]
        self.client.cookies.set("sessionid", me["session"])

    @task(3)
    def dashboard(self) -> None:
        self.read("/", "dashboard")

    @task(3)
    def my_cases(self) -> None:
        self.read("/cases/", "my cases")

    @task(4)
    def case_file(self) -> None:
        if self.cases:
            self.read(f"/cases/{random.choice(self.cases)}/", "case file")

    @task(1)
    def all_open_cases(self) -> None:
        if self.role == "supervisor":
            self.read("/cases/?scope=all", "all open cases")

    @task(1)
    def board(self) -> None:
        if self.role == "duty":
            self.read("/hotline/board/", "emergencies board")
