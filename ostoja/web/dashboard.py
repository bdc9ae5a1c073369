"""The dashboard: each app's sections (``plugin.dashboard``) that the user's roles may see."""

from __future__ import annotations

from django.http import HttpRequest

from ostoja import plugins


def sections_for(request: HttpRequest) -> list[dict]:
    return [
        {"title": section.title, "template": section.template, **section.context(request)}
        for section in plugins.dashboard()
        if plugins.allowed(request.user, section.roles)
    ]
