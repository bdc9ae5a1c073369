from django.conf import settings
from django.http import HttpRequest

from ostoja.web.navigation import items_for


def ostoja(request: HttpRequest) -> dict:
    return {
        "demo_mode": settings.DEMO,
        "navigation": items_for(request.user) if hasattr(request, "user") else [],
        "staff_languages": settings.LANGUAGES,
    }
