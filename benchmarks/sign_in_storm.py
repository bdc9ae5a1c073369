"""Sign-in storm: 50 staff sign in at the same moment. How long does each wait for its password check?

Compares Django's default Argon2 parameters (100 MiB, 2 iterations, 8 lanes) with Ostoja's
(accounts/hashers.py: 19 MiB, 2 iterations, 1 lane). Each sign-in is one password verification;
they run side by side on as many processes as the machine has cores, as gunicorn workers would.

    .venv/bin/python benchmarks/sign_in_storm.py            # --users 50 --workers <cores>
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from argon2 import PasswordHasher

PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 — a benchmark, protects nothing
PARAMETERS = {
    "Django default (100 MiB, t=2, p=8)": (2, 102_400, 8),
    "Ostoja (19 MiB, t=2, p=1)": (2, 19 * 1024, 1),
}


def verify(job: tuple[str, int, int, int]) -> float:
    stored, time_cost, memory_cost, parallelism = job
    PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism).verify(
        stored, PASSWORD
    )
    return time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    print(f"{args.users} sign-ins at once on {args.workers} worker processes (load {os.getloadavg()[0]:.1f})")
    for label, (t, m, p) in PARAMETERS.items():
        stored = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p).hash(PASSWORD)
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(verify, [(stored, t, m, p)] * args.workers))  # warm the processes
            start = time.monotonic()
            waits = [done - start for done in pool.map(verify, [(stored, t, m, p)] * args.users)]
        print(f"{label}: median wait {statistics.median(waits):.2f} s, slowest {max(waits):.2f} s")


if __name__ == "__main__":
    main()
