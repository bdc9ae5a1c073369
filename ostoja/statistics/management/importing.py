"""What the import commands share: running an import with its progress, and saying what it did."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ostoja.statistics.imports import ImportRefused, Outcome

SHOWN_REFUSALS = 20


def run_import(command: BaseCommand, path: Path, importer: Callable[..., Outcome]) -> None:
    """Runs ``importer(path, progress=…)``, printing its progress and then what it imported and refused."""
    if not path.is_file():
        raise CommandError(f"No such file: {path}")

    def progress(run) -> None:
        done = run.next_row - 1
        command.stdout.write(
            f"  {done:,} of {run.rows_total:,} rows ({done * 100 // max(run.rows_total, 1)} %)"
        )

    try:
        outcome = importer(path, progress=progress)
    except ImportRefused as error:
        raise CommandError(str(error)) from None
    run = outcome.run
    if outcome.already:
        command.stdout.write(
            f"{path.name} was imported completely on {run.finished_at:%Y-%m-%d %H:%M}: nothing added."
        )
        return
    command.stdout.write(f"Imported {run.imported:,} rows of {run.rows_total:,}; refused {run.refused:,}.")
    for refusal in run.refusals[:SHOWN_REFUSALS]:
        column = f" [{refusal['column']}]" if refusal["column"] else ""
        command.stdout.write(f"  row {refusal['row']}{column}: {refusal['reason']}")
    if run.refused > SHOWN_REFUSALS:
        command.stdout.write(
            f"  … and {run.refused - SHOWN_REFUSALS:,} more; refusals by column: {run.refusal_counts}"
        )
