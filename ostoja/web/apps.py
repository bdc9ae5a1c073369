from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "ostoja.web"
    label = "web"
    verbose_name = _("Staff application shell")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ostoja.web import storeddates

        # A stored date outside Python's calendar is read as its first or last moment, not an error.
        connection_created.connect(storeddates.install, dispatch_uid="ostoja-stored-dates")
