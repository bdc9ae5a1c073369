"""Every form on every page, sent empty and sent with values no field accepts, answers with errors a
screen reader can find: each field's ``aria-describedby`` names elements that exist, and an error
summary that takes the focus (``autofocus``) links to every field marked invalid.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from ostoja.testing import html
from ostoja.testing.tour import load_tour, unclassified_routes

pytestmark = pytest.mark.django_db

# A NUL character is refused by every Django text field, and is no valid choice, number or date.
GARBAGE = "\x00"


def submission(form: html.Form, how: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for control in form.controls:
        if not control.name:
            continue
        if control.kind == "hidden":
            data.setdefault(control.name, []).append(control.value)
        elif control.element.get("tabindex") == "-1":
            continue  # a field people never see (the report form's trap for robots)
        elif control.editable and control.kind != "file" and how == "garbage":
            data[control.name] = [GARBAGE]
        elif control.editable and control.kind not in {"checkbox", "radio", "file"} and how == "empty":
            data[control.name] = [""]
    button = form.submit_button()
    if button is not None:
        data[button.name] = [button.value]
    return data


def same_form(one: html.Form, other: html.Form) -> bool:
    return (one.action, one.method, [c.name for c in one.editable]) == (
        other.action,
        other.method,
        [c.name for c in other.editable],
    )


def problems(page_html: str, where: str) -> tuple[list[str], bool]:
    """What is wrong with the error markup of a page, and whether it shows errors at all."""
    root = html.parse(page_html)
    found: list[str] = []
    every_id = html.ids(root)
    known = set(every_id)
    duplicates = sorted({i for i in every_id if every_id.count(i) > 1})
    if duplicates:
        found.append(f"{where}: duplicate ids {duplicates}")
    for element in html.elements(root):
        for ref in (element.get("aria-describedby") or "").split():
            if ref not in known:
                found.append(
                    f"{where}: <{html.tag(element)} name={element.get('name')}> describedby #{ref}, missing"
                )
    invalid = [e for e in html.elements(root) if e.get("aria-invalid") == "true"]
    error_blocks = [e for e in html.elements(root) if "errors" in (e.get("class") or "").split()]
    if not invalid and not error_blocks:
        return found, False
    if not html.elements(root, "main"):
        return found, True  # a fragment for HTMX, shown in a live region of the page it belongs to
    focused = [e for e in html.elements(root) if e.get("autofocus") is not None]
    summary = focused[0] if focused else None
    if summary is None or summary.get("role") != "alert" or summary.get("tabindex") != "-1":
        found.append(f"{where}: errors shown, but no error summary takes the focus first")
        return found, True
    links = {a.get("href", "")[1:] for a in html.elements(summary, "a") if a.get("href", "").startswith("#")}
    first_of_name: dict[str, str] = {}
    for element in html.elements(root):
        if element.get("name") and element.get("id"):
            first_of_name.setdefault(element.get("name"), element.get("id"))
    for element in invalid:
        target = element.get("id")
        if target not in links and first_of_name.get(element.get("name")) not in links:
            found.append(f"{where}: the summary has no link to the invalid field #{target}")
    for link in links:
        if link not in known:
            found.append(f"{where}: the summary links to #{link}, which does not exist")
    return found, True


def test_every_page_is_in_the_tour():
    assert unclassified_routes() == [], "Add these routes to ostoja/testing/tour.py (a page) or NOT_PAGES"


def test_every_form_ties_its_errors_to_its_fields():
    tour = load_tour()
    found: list[str] = []
    with_errors: set[str] = set()
    required: set[str] = set()
    for page in tour.pages:
        client = tour.client(page.who)
        first = client.get(page.url)
        assert first.status_code == 200, f"{page.url} as {page.who}: {first.status_code}"
        for number, form in enumerate(html.forms(html.parse(first.content))):
            if not form.editable:
                continue  # a button that does one thing (take, dismiss, sign out)
            key = f"{page.name} form {number}"
            if any(c.element.get("required") is not None for c in form.editable):
                required.add(key)
            for how in ("empty", "garbage"):
                # A fresh page each time: one-time tokens and versions stay valid.
                again = html.forms(html.parse(client.get(page.url).content))
                fresh = next((f for f in again if same_form(f, form)), None)
                if fresh is None:
                    continue  # the first submission was accepted and the form is gone (a triage, say)
                target = urljoin(page.url, fresh.action) if fresh.action else page.url
                send = client.post if fresh.method == "post" else client.get
                response = send(target, submission(fresh, how))
                if response.status_code in {301, 302, 303}:
                    continue
                where = f"{page.url} ({page.who}) {key} sent {how} → {response.status_code}"
                assert response.status_code < 500, where
                page_problems, shows_errors = problems(response.content.decode(), where)
                found += page_problems
                if shows_errors:
                    with_errors.add(key)
    assert not found, "\n".join(found)
    # Every form with a required field said so when sent empty; and the walk did meet errors.
    assert required <= with_errors, sorted(required - with_errors)
    assert len(with_errors) >= 30, sorted(with_errors)
