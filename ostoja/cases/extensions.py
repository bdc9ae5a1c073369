"""Sections that other apps add to the case file page (contacts, meetings, screenings, …).

An app registers a ``CaseSection`` from its AppConfig.ready(); the case page renders every section
whose roles match, after the safe-contact protocol and before the notes. A section's ``context``
receives the request and the case (already checked for full access and audited) and returns the
template context; it must keep its own queries bounded (no N+1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case

ALL_ROLES = tuple(Role.values)


@dataclass(frozen=True)
class CaseSection:
    key: str
    title: str | Promise
    template: str
    context: Callable[[HttpRequest, Case], dict]
    roles: tuple[str, ...] = ALL_ROLES
    order: int = 50


SECTIONS: list[CaseSection] = []


def register(section: CaseSection) -> None:
    if all(existing.key != section.key for existing in SECTIONS):
        SECTIONS.append(section)
        SECTIONS.sort(key=lambda s: s.order)


def sections_for(request: HttpRequest, case: Case) -> list[dict]:
    return [
        {"key": s.key, "title": s.title, "template": s.template, **s.context(request, case)}
        for s in SECTIONS
        if request.user.has_role(*s.roles)
    ]
