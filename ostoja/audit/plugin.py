"""What the audit app adds: the audit log in the navigation, open break-glass access on the
dashboard, and ending expired grants."""

from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
from ostoja.audit import chain, dashboard, lifecycle, services
from ostoja.plugins import DashboardSection, Job, NavItem, Plugin, RecordKind

OVERSIGHT = (Role.SUPERVISOR, Role.ADMINISTRATOR)

plugin = Plugin(
    navigation=[NavItem(_("Audit log"), "audit:log", OVERSIGHT, 90)],
    dashboard=[
        DashboardSection(
            _("Break-glass access now open"),
            "audit/dashboard_break_glass.html",
            dashboard.open_grants,
            OVERSIGHT,
        )
    ],
    housekeeping=[
        Job("break_glass", _("expired break-glass grants ended"), services.close_expired_grants),
        Job("audit_seal", _("audit events sealed into the chain"), chain.seal),
    ],
    records=[
        RecordKind("audit", _("audit log")),
        RecordKind("page", _("page")),
        RecordKind("break_glass", _("break-glass access")),
    ],
    retention=lifecycle.RETENTION,
)
