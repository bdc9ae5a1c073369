from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "ostoja.hotline"
    label = "hotline"
    verbose_name = _("Hotline")

    def ready(self) -> None:
        from ostoja.hotline import integration

        integration.register()
