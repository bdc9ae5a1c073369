"""``ostoja import-ctdc PATH``: import a CTDC file as de-identified historical cases."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ostoja.statistics.imports import import_ctdc
from ostoja.statistics.management.importing import run_import


class Command(BaseCommand):
    help = "Import a CTDC k-anonymised CSV file as de-identified historical cases (resumable, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        run_import(self, path, import_ctdc)
