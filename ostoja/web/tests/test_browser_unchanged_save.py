"""In a real browser, in Polish and in English: every edit form with date or time inputs saved unchanged
changes nothing, and a date the server fills in survives into what is stored.

Only a browser shows the failure this guards against: an ``<input type="date">`` given a value in the
reader's format (``12.08.1998``) shows nothing and sends nothing, and the save erased the date of birth.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.hotline.models import Contact, Shift
from ostoja.testing.access import login_verified
from ostoja.testing.edit_forms import EDIT_FORMS
from ostoja.testing.forms import TEMPORAL_INPUTS, stored
from ostoja.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["pl", "en"]
TEMPORAL = ", ".join(f"input[type={kind}]" for kind in TEMPORAL_INPUTS)


@pytest.fixture
def world(settings, tmp_path):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    return build_world()


def sign_in(page, live_server, user, language: str) -> None:
    """The session of a verified sign-in (password and code), handed to the browser."""
    client = login_verified(Client(), user)
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
             "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )  # fmt: skip


def own_form(page):
    return page.locator("form[method=post]:not([action])")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_edit_form_with_dates_saved_unchanged_in_a_browser_changes_nothing(
    page, live_server, world, language
):
    sign_in(page, live_server, world.everyone, language)
    for spec in (s for s in EDIT_FORMS.values() if s.dates):
        before = stored(spec.records(world), spec.ignore)
        page.goto(spec.url(world))
        form = own_form(page)
        # What the browser makes of each date input: a value it cannot read shows (and sends) nothing.
        shown = form.locator(TEMPORAL).evaluate_all(
            "inputs => inputs.map(i => [i.name, i.getAttribute('value'), i.value])"
        )
        lost = [(name, given) for name, given, value in shown if given and value != given]
        assert not lost, f"{spec.route} in {language}: the browser cannot read {lost}"
        assert any(value for _name, _given, value in shown), f"{spec.route}: no date on show to keep"
        for name, value in spec.typed:
            form.locator(f"[name='{name}']").fill(value)
        button = form.locator("button[type=submit]:visible, button:not([type]):visible")
        if spec.button:
            name, value = spec.button.split("=")
            button = form.locator(f"button[name='{name}'][value='{value}']")
        with page.expect_navigation():
            button.first.click()
        assert urlsplit(page.url).path != spec.url(world), f"{spec.route} in {language}: not saved"
        assert stored(spec.records(world), spec.ignore) == before, (
            f"{spec.route} in {language}: values changed"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_shift_from_a_roster_gap_keeps_the_gap_s_times(page, live_server, world, language):
    """The roster's "fill" link fills the shift's times in; saved in the browser, they are the gap's."""
    sign_in(page, live_server, world.everyone, language)
    page.goto(reverse("hotline:roster"))
    link = page.locator("a[href*='/roster/shifts/new/?starts_at']").first
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    link.click()
    assert page.locator("input[name=starts_at]").evaluate("i => i.value") == query["starts_at"][0]
    assert page.locator("input[name=ends_at]").evaluate("i => i.value") == query["ends_at"][0]
    page.locator("select[name=user]").select_option(str(world.duty.pk))
    page.locator("select[name=kind]").select_option("duty")
    with page.expect_navigation():
        own_form(page).locator("button[type=submit], button:not([type])").first.click()
    shift = Shift.objects.get(user=world.duty)
    assert timezone.localtime(shift.starts_at).strftime("%Y-%m-%dT%H:%M") == query["starts_at"][0]
    assert timezone.localtime(shift.ends_at).strftime("%Y-%m-%dT%H:%M") == query["ends_at"][0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contact_from_a_call_keeps_the_call_s_time(page, live_server, world, language):
    sign_in(page, live_server, world.everyone, language)
    page.goto(reverse("hotline:contact_new") + f"?call={world.call.pk}")
    called = timezone.localtime(world.call.occurred_at).replace(second=0, microsecond=0)
    assert page.locator("input[name=received_at]").evaluate("i => i.value") == called.strftime(
        "%Y-%m-%dT%H:%M"
    )
    page.locator("textarea[name=summary]").fill("Asked when the office opens.")
    with page.expect_navigation():
        page.locator("#contact-form button[type=submit]").last.click()
    contact = Contact.objects.get(call_event=world.call)
    assert contact.received_at == called
