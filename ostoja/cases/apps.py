from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_triggers(sender: AppConfig, using: str, **kwargs: object) -> None:
    """(Re)installs the case-counting triggers after every migrate (SQLite drops them on rebuilds)."""
    from ostoja.cases import caseload

    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    if connection.vendor in ("sqlite", "postgresql") and {"cases_case", "cases_statuscount"} <= tables:
        caseload.install(connection)


class CasesConfig(AppConfig):
    name = "ostoja.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="ostoja.cases.install_triggers")
