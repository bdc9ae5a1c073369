"""Imports CTDC's whole k-anonymised file and times the statistics page; checks the reference totals.

    createdb -h 127.0.0.1 -U postgres ostoja_ctdc      # once (or drop it to start afresh)
    OSTOJA_MODE=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/ostoja_ctdc \\
        .venv/bin/python benchmarks/ctdc_statistics.py PATH/ctdc_global_kanon_2021-07-15.csv

It migrates the database, imports the file with ``ostoja import-ctdc`` (a second run finds it
imported and adds nothing), compares the counts the statistics page shows for "everything on
record" with the reference figures of the file (rows per gender, age band, forced labour, sexual
exploitation, the top citizenships and countries of exploitation), and times the page: the
median and the slowest of ``--samples`` requests, for everything and for the year 2019.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ostoja.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from ostoja.accounts.roles import Role  # noqa: E402
from ostoja.testing.access import login_verified  # noqa: E402
from ostoja.testing.fixtures import new_staff  # noqa: E402

# The file's reference figures (rows per value, computed with Python's csv module).
REFERENCE = {
    "sex": {"feminine": 68083, "masculine": 21465, "non_conforming": 64, "": 8138},
    "age": {"": 46783, "9-17": 12507, "30-38": 10135, "18-20": 6040, "21-23": 5421, "24-26": 4583,
            "39-47": 4135, "27-29": 3555, "48+": 2300, "0-8": 2291},
    "forms": {"isForcedLabour": 19980, "isSexualExploit": 45582},
    "citizenship": {"": 44460, "PH": 11454, "UA": 9995, "MD": 7593, "US": 6366, "MX": 2382, "KH": 2130,
                    "ID": 1999, "BY": 1540, "MM": 1382, "NG": 1108},
    "exploitation_country": {"US": 51611, "": 24258, "RU": 5631, "PH": 1988, "ID": 1805, "KH": 1029,
                             "MY": 966, "LY": 822, "PL": 732, "ML": 592, "GH": 584},
    "beneficiaries": {"historical": 97750},
}  # fmt: skip


def shown(response, key: str) -> dict[str, int | str]:
    table = next(t for t in response.context["tables"] if t.key == key)
    return {row.code: (row.now.count if not row.now.hidden else row.now.show()) for row in table.rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()  # responses carry their template context (what the page shows)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("import_ctdc", str(args.path))
    print(f"import: {time.perf_counter() - started:.1f} s")

    from ostoja.accounts.models import User

    user = User.objects.filter(username="bench-supervisor").first() or new_staff(
        "bench-supervisor", Role.SUPERVISOR
    )
    client = login_verified(Client(), user)
    everything = client.get("/statistics/", {"period": "all"})
    assert everything.status_code == 200, everything.status_code
    wrong = []
    for key, expected in REFERENCE.items():
        table = shown(everything, key)
        for code, count in expected.items():
            if table.get(code) != count:
                wrong.append(f"{key}[{code or 'not recorded'}]: page {table.get(code)}, reference {count}")
    print("reference totals:", "all equal" if not wrong else "DIFFERENT")
    for line in wrong:
        print("  ", line)
    for label, params in (("everything", {"period": "all"}), ("year 2019", {"period": "year", "year": 2019})):
        times = []
        for _ in range(args.samples):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                assert client.get("/statistics/", params).status_code == 200
                times.append((time.perf_counter() - start) * 1000)
        print(
            f"page, {label}: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms, "
            f"{len(queries)} queries"
        )
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
