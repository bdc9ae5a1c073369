from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_triggers(sender: AppConfig, using: str, **kwargs: object) -> None:
    """(Re)installs the append-only triggers after every migrate.

    SQLite loses a table's triggers whenever a migration rebuilds the table; installing is
    idempotent, so doing it after every migrate keeps the audit tables protected.
    """
    from ostoja.audit import triggers

    connection = connections[using]
    if connection.vendor in ("sqlite", "postgresql") and triggers.tables_exist(connection):
        triggers.install(connection)


class AuditConfig(AppConfig):
    name = "ostoja.audit"
    label = "audit"
    verbose_name = _("Audit log and break-glass access")

    def ready(self) -> None:
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="ostoja.audit.install_triggers")
