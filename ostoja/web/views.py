from __future__ import annotations

import logging
from http import HTTPStatus

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ostoja.accounts.access import public
from ostoja.web import dashboard as dashboard_sections

logger = logging.getLogger(__name__)

# Machines call these paths (the telephony API): an error there is answered in JSON, never as a page.
JSON_PATHS = ("/hotline/api/",)


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    sections = dashboard_sections.sections_for(request)
    return render(request, "web/dashboard.html", {"sections": sections})


@public
@never_cache
@transaction.non_atomic_requests
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    if request.path.startswith(JSON_PATHS):
        return JsonResponse({"detail": HTTPStatus(status).phrase}, status=status)
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "errors/400.html")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "errors/403.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _error(request, 500, "errors/500.html")
    except Exception:  # the error may be the database itself: fall back to a page that needs nothing
        logger.exception("The error page could not be rendered")
        return HttpResponse(
            "<!DOCTYPE html><title>Error</title><h1>Something went wrong / Coś poszło nie tak</h1>",
            status=500,
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, "errors/csrf.html")


for _view in (bad_request, forbidden, not_found, server_error, csrf_failure):
    _view.ostoja_access = "public"  # type: ignore[attr-defined]
