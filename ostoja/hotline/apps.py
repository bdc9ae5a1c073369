from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "ostoja.hotline"
    label = "hotline"
    verbose_name = _("Hotline")

    def ready(self) -> None:
        from ostoja.accounts.signals import staff_deactivated
        from ostoja.hotline import roster

        staff_deactivated.connect(
            roster.revoke_feeds_of_deactivated, dispatch_uid="ostoja.hotline.revoke_feeds_of_deactivated"
        )
