from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ostoja.services"
    label = "support_services"  # plain "services" reads as every app's services.py
    verbose_name = _("Services")
