"""``ostoja import-ctdc PATH``: import a CTDC file as de-identified historical cases."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.statistics.imports import ImportRefused, import_ctdc


class Command(BaseCommand):
    help = "Import a CTDC k-anonymised CSV file as de-identified historical cases (resumable, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")

        def progress(run):
            done = run.next_row - 1
            self.stdout.write(
                f"  {done:,} of {run.rows_total:,} rows ({done * 100 // max(run.rows_total, 1)} %)"
            )

        try:
            outcome = import_ctdc(path, progress=progress)
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
