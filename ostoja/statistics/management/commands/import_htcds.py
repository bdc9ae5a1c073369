"""``ostoja import-htcds PATH``: import HTCDS 2.0 records (CSV) as de-identified historical cases."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.statistics.imports import import_htcds
from ostoja.statistics.management.importing import run_import


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

        if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year:
            raise CommandError(f"--year must be between {FIRST_YEAR} and {timezone.localdate().year}.")

        run_import(self, path, lambda path, progress: import_htcds(path, year=year, progress=progress))
