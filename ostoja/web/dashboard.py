"""Dashboard sections per role. Each app that has something to show a role registers a section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role


@dataclass(frozen=True)
class Section:
    title: str | Promise
    roles: tuple[str, ...]
    template: str
    context: Callable[[HttpRequest], dict]


SECTIONS: list[Section] = []


def register(section: Section) -> None:
    SECTIONS.append(section)


def sections_for(request: HttpRequest) -> list[dict]:
    return [
        {"title": section.title, "template": section.template, **section.context(request)}
        for section in SECTIONS
        if request.user.has_role(*section.roles)
    ]


def _staff_summary(request: HttpRequest) -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ostoja.accounts.models import User

    active = User.objects.filter(is_active=True)
    enrolled = TOTPDevice.objects.filter(confirmed=True, user__is_active=True).values("user").distinct()
    return {
        "active_count": active.count(),
        "without_mfa_count": active.exclude(pk__in=enrolled).count(),
        "inactive_count": User.objects.filter(is_active=False).count(),
    }


register(
    Section(_("Staff accounts"), (Role.ADMINISTRATOR,), "web/sections/staff_summary.html", _staff_summary)
)
