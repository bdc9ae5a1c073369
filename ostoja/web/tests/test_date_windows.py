"""Every date input of every page refuses the ends of the calendar, next to the field, keeping what was
typed and storing nothing (issue: year 1 and year 9999 were accepted and then took pages down).

The pages are all of ``ostoja.testing.pages``; every form on them with a date or time input is sent
once per input with year 1 and once with year 9999 in that input.
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.utils import timezone, translation

from ostoja import dates
from ostoja.testing.access import login_verified
from ostoja.testing.forms import page_forms
from ostoja.testing.pages import visits
from ostoja.testing.world import build_world

pytestmark = pytest.mark.django_db

EXTREMES = {
    "date": ("0001-01-01", "9999-12-31"),
    "datetime-local": ("0001-01-01T00:00", "9999-12-31T23:59"),
    "time": (),  # a time of day has no window
}
# Rows a refused form may still add: the audit of the page it shows, counters of requests.
MAY_GROW = ("audit", "web")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("ostoja.") and model._meta.app_label not in MAY_GROW
    }


def window_messages(value: str) -> set[str]:
    """What any window says about ``value`` in the active language."""
    moment = dt.datetime.fromisoformat(value)
    moment = moment.date() if len(value) == 10 else moment.replace(tzinfo=timezone.get_current_timezone())
    return {w.problem(moment) for w in dates.WINDOWS.values()} - {None}


@pytest.fixture
def world(settings, tmp_path):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    # The messages name the window's limits to the minute: the clock stands still while they are compared.
    with time_machine.travel(dt.datetime(2026, 3, 29, 1, 59, tzinfo=dt.UTC), tick=False):
        yield build_world()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_date_input_refuses_year_1_and_year_9999(world, language):
    client = login_verified(Client(), world.everyone)
    client.cookies["ostoja_language"] = language
    tried, failures = set(), []
    for name, requests in visits(world).items():
        for method, url, data in requests:
            if method != "get":
                continue
            page = client.get(url, data)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            for form in page_forms(page.content.decode()):
                target = form.attrs.get("action") or url
                verb = (form.attrs.get("method") or "get").lower()
                for control in form.temporal_inputs:
                    for value in EXTREMES[control.type]:
                        key = (urlsplit(target).path, control.name, value)
                        if key in tried:
                            continue
                        tried.add(key)
                        submitted = form.submission() | {control.name: [value]}
                        before = row_counts()
                        response = getattr(client, verb)(target, submitted)
                        body = html.unescape(response.content.decode())
                        with translation.override(language):
                            expected = window_messages(value)
                        where = f"{name}: {control.name}={value} ({target})"
                        if response.status_code in (301, 302) or response.status_code >= 500:
                            failures.append(f"{where}: answered {response.status_code}")
                        elif not any(message in body for message in expected):
                            failures.append(f"{where}: no message about the date")
                        elif f'value="{value}"' not in body:
                            failures.append(f"{where}: what was typed is gone")
                        elif row_counts() != before:
                            failures.append(f"{where}: something was stored")
    assert {path for path, _name, _value in tried} >= {
        "/hotline/contacts/new/", "/hotline/roster/shifts/new/", "/audit/",
    }, tried  # fmt: skip
    assert not failures, "\n".join(failures)
