"""``ostoja export-htcds PATH``: HTCDS 2.0 records (JSON if PATH ends in .json, else CSV), consent-gated."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.audit import services as audit
from ostoja.statistics import htcds


class Command(BaseCommand):
    help = "Export the cases of persons who agreed to sharing, in HTCDS 2.0 fields (.json or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--purpose", required=True, help="Why the data is exported (recorded in the audit log)."
        )

    def handle(self, *args, path: Path, purpose: str, **options):
        if not path.parent.is_dir():
            raise CommandError(f"No such folder: {path.parent}")
        if not purpose.strip():
            raise CommandError("Say why the data is exported (--purpose).")
        report = htcds.collect()
        htcds.write(report, path)
        audit.record(
            action="export", object_type="case", object_ids=report.case_ids,
            related=[("person", pk) for pk in report.person_ids], reason=purpose.strip()[:200],
            details={"format": "htcds", "records": len(report.records), "without_consent": report.without_consent},
        )  # fmt: skip
        self.stdout.write(f"Wrote {len(report.records):,} HTCDS records to {path}.")
        if report.without_consent:
            self.stdout.write(
                f"Left out {report.without_consent:,} cases: the person has not agreed to sharing."
            )
