"""The vault app ships no models, so it must never need a migration.

Kept apart from the field tests: their throw-away model is registered only while they run.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command


def test_vault_needs_no_migration(db):
    assert not list(apps.get_app_config("vault").get_models())
    call_command("makemigrations", "vault", "--check", "--dry-run", verbosity=0)
