"""People see words, not codes: every staff page of the tour, as each role, in Polish and English.

A new colleague walking the application meets neither a stored code (``no_safe_housing``,
``family``) nor an internal id (``#63``, "Person no. 2") nor raw JSON: every value is a translated
label and every record is named by its case number or, for those allowed, the person's name. The
page's visible text (and what a screen reader reads from ``aria-label`` and ``title``) is scanned.
A form offers no radio button that says nothing ("---------", preselected on a required choice).
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.cases.models import Case
from ostoja.testing import html
from ostoja.testing.tour import load_tour

pytestmark = pytest.mark.django_db

INTERNAL_ID = re.compile(r"#\s?\d+|\b(?:no\.|nr)\s?\d+\b", re.IGNORECASE)
RAW_JSON = re.compile(r"[{\[]\s*\"[a-z_]+\"\s*:")
# Roles besides the tour's colleague who holds them all; each sees the pages their role opens.
ROLE_USERS = {
    Role.DUTY_WORKER: "dyzurna",
    Role.CASE_MANAGER: "opiekun",
    Role.SPECIALIST: "specjalistka",
    Role.SUPERVISOR: "superwizor",
    Role.ADMINISTRATOR: "admin",
}
# Codes that are also ordinary words of the interface's language, or of a person's name.
ALSO_WORDS = {"en": None, "pl": {"email", "online", "partner", "list"}}


def stored_codes() -> dict[str, str]:
    """Every stored choice whose label differs from its code: code -> label in English."""
    codes: dict[str, str] = {}
    with translation.override("en"):
        for model in apps.get_models():
            if not model.__module__.startswith("ostoja."):
                continue
            for field in model._meta.get_fields():
                for value, label in getattr(field, "flatchoices", None) or []:
                    code = isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]{3,}", value)
                    if code and str(label).lower() != value:
                        codes[value] = str(label)
    return codes


def visible_text(page_html: str) -> str:
    """What the page says in its own language: not scripts, not text marked as another language,
    not what a form holds (a text being edited is the writer's)."""
    root = html.parse(page_html)
    own = root.get("lang", "")
    parts = []
    for element in html.elements(root):
        marked = element.get("lang")
        if html.tag(element) in {"script", "style", "head", "title", "textarea"} or (
            marked and element is not root and marked != own
        ):
            element.clear()
            continue
        parts += [element.get(name) for name in ("aria-label", "title") if element.get(name)]
    body = next(iter(html.elements(root, "body")))
    return " ".join([html.text(body), *parts])


def codes_and_ids(page_html: str, where: str, interface: str, codes: dict[str, str]) -> list[str]:
    text = visible_text(page_html)
    found = [f"{where}: internal id {m.group(0)!r} in …{text[max(0, m.start() - 60):m.end() + 20]}…"
             for m in INTERNAL_ID.finditer(text)]  # fmt: skip
    found += [f"{where}: raw JSON {m.group(0)!r}" for m in RAW_JSON.finditer(text)]
    for code in codes:
        # In English a one-word code may be the English word itself ("family"); in Polish it is never.
        if interface == "en" and "_" not in code:
            continue
        if code in (ALSO_WORDS[interface] or ()):
            continue
        match = re.search(rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", text)
        if match:
            found.append(f"{where}: code {code!r} in …{text[max(0, match.start() - 60) : match.end() + 20]}…")
    root = html.parse(page_html)
    for label in html.elements(root, "label"):
        boxes = [e for e in html.elements(label, "input") if e.get("type") == "radio"]
        if boxes and boxes[0].get("value") == "" and html.text(label).strip("- ") == "":
            found.append(f"{where}: a radio button {boxes[0].get('name')!r} that says nothing ('---------')")
    return found


def test_no_page_shows_a_code_or_an_internal_id_to_any_role(settings):
    tour = load_tour(public_languages=[])
    codes = stored_codes()
    found: list[str] = []
    visitors = {"all": tour.client("all")}
    for role, username in ROLE_USERS.items():
        tour.users[role] = User.objects.get(username=username)
        visitors[role] = tour.client(role)
    # Each role on every staff page of the tour, and the pages the tour shows to one role only (a
    # case outside the specialist's team); the person of that case, seen from outside the team, too.
    visits = [
        (page.url, who) for page in tour.pages if page.who == "all" and _staff(page.name) for who in visitors
    ]
    visits += [(page.url, page.who) for page in tour.pages if page.who in ROLE_USERS]
    outside = (
        Case.objects.exclude(members__user=tour.users[Role.SPECIALIST])
        .exclude(case_manager=tour.users[Role.SPECIALIST])
        .order_by("pk")
        .first()
    )
    visits.append((reverse("cases:person_detail", args=[outside.person_id]), Role.SPECIALIST))
    for interface in ("pl", "en"):
        for url, who in visits:
            client = visitors[who]
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            found += codes_and_ids(response.content.decode(), f"{url} ({interface}, {who})", interface, codes)
    assert not found, "\n".join(sorted(set(found)))


def _staff(name: str) -> bool:
    return not name.startswith("public:") or name.startswith("public:admin")


def test_the_scan_sees_codes_ids_json_and_empty_radios():
    codes = {"no_safe_housing": "No safe housing", "family": "Family"}
    page = (
        '<html lang="pl"><body><p>no_safe_housing → phone_monitored</p><p>sprawa #60</p>'
        '<p>{"status": "open"}</p><p>zgłaszający: family</p>'
        '<label><input type="radio" name="place_kind" value="" checked> ---------</label></body></html>'
    )
    found = "\n".join(codes_and_ids(page, "sample", "pl", codes))
    for expected in ("no_safe_housing", "#60", "raw JSON", "'family'", "says nothing"):
        assert expected in found
    fine = '<html lang="en"><body><p>Case 2026/0042, family member</p><script>{"a": 1}</script></body></html>'
    assert not codes_and_ids(fine, "sample", "en", codes)
