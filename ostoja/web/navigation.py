"""The staff navigation: each app's entries (``plugin.navigation``) that the user's roles may see."""

from __future__ import annotations

from django.urls import reverse

from ostoja import plugins


def items_for(user) -> list[dict[str, str]]:
    if not user.is_authenticated or not user.is_verified():
        return []
    return [
        {"label": str(item.label), "url": reverse(item.url_name), "url_name": item.url_name}
        for item in plugins.navigation()
        if item.roles is None or user.has_role(*item.roles)
    ]
