"""``ostoja import-htcds PATH``: import HTCDS 2.0 records (CSV) as de-identified historical cases."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.statistics.imports import ImportRefused, import_htcds


class Command(BaseCommand):
    help = (
        "Import HTCDS 2.0 records (CSV, the fields of export-htcds) as de-identified historical cases: "
        "names and dates of birth are not kept (resumable, idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--year", type=int, default=None,
            help="The year the cases were registered (HTCDS records carry none; without it they count "
                 "only under 'everything on record').",
        )  # fmt: skip

    def handle(self, *args, path: Path, year: int | None, **options):
        from django.utils import timezone

        from ostoja.statistics.ctdc import FIRST_YEAR

        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year:
            raise CommandError(f"--year must be between {FIRST_YEAR} and {timezone.localdate().year}.")

        def progress(run):
            done = run.next_row - 1
            self.stdout.write(
                f"  {done:,} of {run.rows_total:,} rows ({done * 100 // max(run.rows_total, 1)} %)"
            )

        try:
            outcome = import_htcds(path, year=year, progress=progress)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        run = outcome.run
        if outcome.already:
            self.stdout.write(
                f"{path.name} was imported completely on {run.finished_at:%Y-%m-%d %H:%M}: nothing added."
            )
            return
        self.stdout.write(f"Imported {run.imported:,} rows of {run.rows_total:,}; refused {run.refused:,}.")
        for refusal in run.refusals[:20]:
            column = f" [{refusal['column']}]" if refusal["column"] else ""
            self.stdout.write(f"  row {refusal['row']}{column}: {refusal['reason']}")
        if run.refused > 20:
            self.stdout.write(f"  … and {run.refused - 20:,} more; refusals by column: {run.refusal_counts}")
