"""The rows data migrations seed (the partner directory, the service catalogue, the ministry's categories).

A test that runs on a flushed database (a live server, ``transaction=True``) leaves the database empty for
the tests after it in the same process; ``ensure`` puts the seeded rows back when they are missing.
"""

from __future__ import annotations

from importlib import import_module


def ensure() -> None:
    from django.apps import apps

    from ostoja.partners.models import Organisation
    from ostoja.partners.seed import load
    from ostoja.services.catalogue import install
    from ostoja.services.models import Service
    from ostoja.statistics.models import ReportCategory

    if not Organisation.objects.exists():
        load(Organisation)
    if not Service.objects.exists():
        install(Service)
    if not ReportCategory.objects.exists():
        import_module("ostoja.statistics.migrations.0003_seed_categories").seed(apps, None)
