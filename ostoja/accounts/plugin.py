"""What staff accounts add: the staff pages in the navigation, their dashboard cards, their upkeep."""

from django.utils.translation import gettext_lazy as _

from ostoja.accounts import dashboard, lockout, services
from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.plugins import DashboardSection, Job, NavItem, Plugin, RecordKind

ADMINISTRATOR = (Role.ADMINISTRATOR,)

plugin = Plugin(
    navigation=[NavItem(_("Staff"), "accounts:staff_list", ADMINISTRATOR, 95)],
    dashboard=[
        DashboardSection(
            _("Staff accounts"),
            "accounts/sections/staff_summary.html",
            dashboard.staff_summary,
            ADMINISTRATOR,
        ),
        DashboardSection(
            _("Roles waiting for your confirmation"),
            "accounts/sections/grants_waiting.html",
            dashboard.grants_waiting,
            ADMINISTRATOR,
        ),
        DashboardSection(
            _("Roles given lately"),
            "accounts/sections/roles_given.html",
            dashboard.roles_given,
            (Role.SUPERVISOR, Role.ADMINISTRATOR),
        ),
    ],
    housekeeping=[
        Job("sessions", _("expired sessions removed"), services.prune_sessions),
        Job("sign_in_failures", _("old sign-in failures removed"), lockout.prune_old_failures),
        Job("role_requests", _("unconfirmed role requests lapsed"), services.lapse_stale_grants),
    ],
    records=[
        RecordKind(services.OBJECT_TYPE, _("staff account"), lambda ids: _staff_names(ids)),
        RecordKind("passkey", _("passkey")),
        RecordKind("sign_in_policy", _("sign-in policy")),
        RecordKind("session", _("session")),
        RecordKind("role_grant", _("role")),
    ],
)


def _staff_names(ids: list[int]) -> dict[int, str]:
    return {user.pk: user.get_full_name() or user.username for user in User.objects.filter(pk__in=ids)}
