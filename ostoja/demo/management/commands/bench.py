"""``ostoja bench fill --cases N`` and ``ostoja bench measure [--json FILE] [--markdown FILE]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ostoja.demo import bench


class Command(BaseCommand):
    help = (
        "fill: add a synthetic register of --cases cases (persons, search tokens, cases, team members, "
        "contacts, sealed audit events). measure: time every page through the whole stack as verified "
        "staff, with SQL counts, the floor and the bare SQL; --json and --markdown write the results. "
        "sessions: print verified sessions of the bench staff, for the load test (bench/locustfile.py). "
        "Synthetic data only: never on a database holding real records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["fill", "measure", "sessions"])
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--json", default="")
        parser.add_argument("--markdown", default="")
        parser.add_argument(
            "--i-know-this-is-not-production", action="store_true", dest="confirmed",
            help="required: the command writes invented persons into the database",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO or settings.TESTING):
            raise CommandError(
                "ostoja bench runs in demo mode only (OSTOJA_MODE=demo), never on a real register."
            )
        if options["subcommand"] == "fill":
            if not options["confirmed"]:
                raise CommandError("bench fill writes invented persons: add --i-know-this-is-not-production.")
            written = bench.fill(options["cases"], out=self.stdout.write)
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in written.items()))
            return
        if options["subcommand"] == "sessions":
            self.stdout.write(json.dumps(bench.sessions()))
            return
        report = bench.measure(repeat=options["repeat"], out=self.stdout.write)
        if not report["pages"]:
            raise CommandError("Nothing to measure: run 'ostoja bench fill' first.")
        command = "ostoja bench measure " + " ".join(sys.argv[3:])
        if options["json"]:
            Path(options["json"]).write_text(bench.to_json(report), encoding="utf-8")
        if options["markdown"]:
            Path(options["markdown"]).write_text(bench.markdown(report, command.strip()), encoding="utf-8")
        self.stdout.write(bench.markdown(report, command.strip()))
