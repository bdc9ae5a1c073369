from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificationConfig(AppConfig):
    name = "ostoja.identification"
    label = "identification"
    verbose_name = _("Identification")

    def ready(self) -> None:
        from ostoja.identification import checks  # noqa: F401 — registers the system checks
