"""``ostoja export-ctdc PATH``: the centre's cases in CTDC's k-anonymised format (k = 11, checked)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.audit import services as audit
from ostoja.statistics import ctdc_export


class Command(BaseCommand):
    help = "Export the centre's cases, de-identified, in CTDC's 63-column format (every combination k >= 11)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.parent.is_dir():
            raise CommandError(f"No such folder: {path.parent}")
        try:
            report = ctdc_export.export(path)
        except AssertionError as error:
            raise CommandError(str(error)) from None
        audit.record(
            action="export", object_type="case", object_ids=report.case_ids,
            details={"format": "ctdc", "rows": report.written, "left_out": report.left_out,
                     "k": report.smallest_group},
        )  # fmt: skip
        self.stdout.write(f"Wrote {report.written:,} of {report.rows:,} cases to {path}.")
        self.stdout.write(
            f"k = {report.smallest_group} (every combination of {', '.join(ctdc_export.QUASI_IDENTIFIERS)} "
            f"occurs at least {ctdc_export.K} times)"
            if report.written
            else "No case could be written with k = 11."
        )
        for column in ctdc_export.SUPPRESSION_ORDER:
            if report.blanked[column]:
                self.stdout.write(f"  blanked {column}: {report.blanked[column]:,} values")
        if report.left_out:
            self.stdout.write(f"  left out: {report.left_out:,} cases whose group stayed under k")
