from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "ostoja.public"
    label = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from ostoja.accounts.roles import Role
        from ostoja.web.navigation import NavItem, register

        register(NavItem(_("Public site"), "public:admin_home", (Role.SUPERVISOR, Role.ADMINISTRATOR), 85))
