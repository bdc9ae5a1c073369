"""What the public site adds to the staff side: its editing pages in the navigation, and forgetting
used report-form tokens."""

from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
from ostoja.plugins import Job, NavItem, Plugin
from ostoja.public.ratelimit import prune_used_tokens

plugin = Plugin(
    navigation=[NavItem(_("Public site"), "public:admin_home", (Role.SUPERVISOR, Role.ADMINISTRATOR), 85)],
    housekeeping=[Job("report_tokens", _("used report-form tokens forgotten"), prune_used_tokens)],
)
