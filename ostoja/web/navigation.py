"""The staff navigation: which sections each role sees. Later apps add their entries here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role

ALL_ROLES = tuple(Role.values)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: tuple[str, ...]
    order: int = 50


# Core entries; other apps add theirs with ``register`` from their AppConfig.ready(), placed by
# ``order`` (lower first).
NAVIGATION: list[NavItem] = [
    NavItem(_("Dashboard"), "web:dashboard", ALL_ROLES, 0),
    NavItem(_("Cases"), "cases:case_list", ALL_ROLES, 20),
    NavItem(_("Find a person"), "cases:person_search", ALL_ROLES, 30),
    NavItem(_("Register a person"), "cases:person_register", ALL_ROLES, 31),
    NavItem(_("Audit log"), "audit:log", (Role.ADMINISTRATOR, Role.SUPERVISOR), 90),
    NavItem(_("Staff"), "accounts:staff_list", (Role.ADMINISTRATOR,), 95),
]


def register(item: NavItem) -> None:
    if item not in NAVIGATION:
        NAVIGATION.append(item)
        NAVIGATION.sort(key=lambda entry: entry.order)


def items_for(user) -> list[dict[str, str]]:
    if not user.is_authenticated or not user.is_verified():
        return []
    return [
        {"label": str(item.label), "url": reverse(item.url_name), "url_name": item.url_name}
        for item in NAVIGATION
        if user.has_role(*item.roles)
    ]
