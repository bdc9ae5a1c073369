"""The shelter-address rule: hidden by default everywhere, revealed only on an explicit, audited request
by the case manager of a person staying there tonight or a supervisor, for that response only; never in a
list, timeline, search, export, letter, PDF, e-mail, error page or log — checked on the rendered bytes,
for every principal, against the address and against its stored ciphertext."""

import datetime as dt
import io
import logging
import subprocess
import tempfile

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.views.debug import ExceptionReporter
from openpyxl import load_workbook

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.shelter import views
from ostoja.shelter.models import Place, PlaceAddress
from ostoja.shelter.tests.conftest import ADDRESS
from ostoja.testing.access import ANONYMOUS, ASSIGNED, BREAK_GLASS, OUTSIDER, PRINCIPALS, login_verified

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PRINCIPALS if p != ANONYMOUS]
PIECES = (ADDRESS, "Tajna", "02-999", "Zielonka")


def _stored_token() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM shelter_placeaddress")
        (token,) = cursor.fetchone()
    return token


def _assert_hidden(content: bytes | str, where: str, token: str) -> None:
    body = content.decode() if isinstance(content, bytes) else content
    for piece in PIECES:
        assert piece not in body, f"{where}: the address ({piece!r}) is shown"
    data = token.rsplit(":", 1)[-1]
    assert token not in body and data[:24] not in body, f"{where}: the address's ciphertext is shown"


def _reveal(client: Client, placement, reason="Taking her there tonight by car."):
    return client.post(reverse("shelter:reveal", args=[placement.pk]), {"reason": reason})


def test_the_address_is_encrypted_at_rest(placement):
    token = _stored_token()
    assert token.startswith("v2:")
    for piece in PIECES:
        assert piece not in token
    assert PlaceAddress.objects.get().address == ADDRESS


@pytest.fixture
def outputs(case, placement, place, cast):
    """Every page that shows the case, the person, the stay or the place, as (name, method, url, data)."""
    return [
        ("case page", "get", reverse("cases:case_detail", args=[case.pk]), {}),
        ("person page", "get", reverse("cases:person_detail", args=[case.person_id]), {}),
        ("stays", "get", reverse("shelter:placements", args=[case.pk]), {}),
        ("stay form", "get", reverse("shelter:placement_edit", args=[placement.pk]), {}),
        ("reveal form", "get", reverse("shelter:reveal", args=[placement.pk]), {}),
        ("new stay", "get", reverse("shelter:placement_new", args=[case.pk]), {}),
        ("tonight", "get", reverse("shelter:occupancy"), {}),
        ("places", "get", reverse("shelter:places"), {}),
        ("place form", "get", reverse("shelter:place_edit", args=[place.pk]), {}),
        ("case list", "get", reverse("cases:case_list"), {"scope": "all"}),
        ("search", "post", reverse("cases:person_search"), {"q": "Kovalenko"}),
        ("dashboard", "get", reverse("web:dashboard"), {}),
        ("my tasks", "get", reverse("tasks:mine"), {}),
        ("audit log", "get", reverse("audit:log"), {}),
        ("statistics", "get", reverse("statistics:overview"), {}),
        ("not found", "get", reverse("shelter:reveal", args=[placement.pk + 1000]), {}),
        ("a bad reveal", "post", reverse("shelter:reveal", args=[placement.pk]), {"reason": ""}),
    ]


@pytest.mark.parametrize("principal", SIGNED_IN)
def test_no_page_shows_the_address_to_anyone(principal, cast, placement, outputs):
    token = _stored_token()
    # A reveal earlier by the case manager: its audit row is on the audit log now, the address is not.
    assert _reveal(login_verified(Client(), cast[Role.CASE_MANAGER]), placement).status_code == 200
    client = login_verified(Client(), cast[principal])
    for name, method, url, data in outputs:
        response = getattr(client, method)(url, data)
        _assert_hidden(response.content, f"{name} as {principal} ({response.status_code})", token)


def test_the_reveal_shows_the_address_once_and_is_audited_with_the_reason(client_for, case, placement):
    client = client_for(Role.CASE_MANAGER)
    response = _reveal(client, placement, reason="Driving her there after the hearing.")
    assert response.status_code == 200
    assert "ul. Tajna 13 m. 4" in response.content.decode()
    row = AuditEvent.objects.filter(action="reveal").get()
    assert (row.object_type, row.reason) == ("place", "Driving her there after the hearing.")
    refs = {(o.object_type, o.object_id) for o in row.refs.all()}
    assert {("place", placement.place_id), ("placement", placement.pk), ("case", case.pk),
            ("person", case.person_id)} <= refs  # fmt: skip
    assert "Tajna" not in str(row.details) and row.details["field"] == "address"
    # The next page shows it hidden again.
    _assert_hidden(
        client.get(reverse("cases:case_detail", args=[case.pk])).content, "after a reveal", _stored_token()
    )


def test_a_reveal_needs_a_reason(client_for, placement):
    response = _reveal(client_for(Role.CASE_MANAGER), placement, reason="  ")
    assert response.status_code == 400
    assert "Tajna" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="reveal").exists()


@pytest.mark.parametrize("principal", [ASSIGNED, BREAK_GLASS, Role.SPECIALIST, Role.DUTY_WORKER, Role.ADMINISTRATOR,
                                       OUTSIDER])  # fmt: skip
def test_a_reveal_without_the_right_is_refused_and_the_refusal_audited(principal, cast, placement):
    response = _reveal(login_verified(Client(), cast[principal]), placement)
    assert response.status_code == 403
    _assert_hidden(response.content, f"refusal for {principal}", _stored_token())
    assert not AuditEvent.objects.filter(action="reveal").exists()
    if principal != OUTSIDER:  # an account without a role is refused before any record is asked for
        denied = AuditEvent.objects.filter(action="deny", actor_id=cast[principal].pk).get()
        assert denied.object_type in ("place", "placement", "page")


def test_a_case_manager_no_longer_sees_the_address_once_the_stay_has_ended(
    client_for, case, place, make_placement, cast
):
    today = timezone.localdate()
    ended = make_placement(case, place, start=today - dt.timedelta(days=10), end=today - dt.timedelta(days=2))
    assert _reveal(client_for(Role.CASE_MANAGER), ended).status_code == 403
    # Supervision may.
    assert _reveal(client_for(Role.SUPERVISOR), ended).status_code == 200


def test_a_team_member_who_manages_cases_may_reveal(case, place, make_placement, make_staff):
    from ostoja.cases.models import CaseMember

    colleague = make_staff("colleague", Role.CASE_MANAGER)
    CaseMember.objects.create(case=case, user=colleague)
    stay = make_placement(case, place)
    assert _reveal(login_verified(Client(), colleague), stay).status_code == 200


def test_exports_and_the_funders_report_hold_no_address(case, placement, cast):
    from ostoja.statistics import case_export, report
    from ostoja.statistics.models import FunderReport

    token = _stored_token()
    for file_format in ("csv", "xlsx"):
        data, _ids = case_export.build(list(case_export.FIELDS), file_format)
        if file_format == "xlsx":
            sheet = load_workbook(io.BytesIO(data)).active
            data = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row).encode()
        _assert_hidden(data, f"case export ({file_format})", token)
    funder = FunderReport.objects.create(year=timezone.localdate().year, requested_by=cast[Role.SUPERVISOR])
    report.build(funder)
    _assert_hidden(_pdf_text(funder.pdf), "funder's report (PDF)", token)
    sheet_text = "\n".join(
        str(c.value)
        for s in load_workbook(io.BytesIO(funder.xlsx)).worksheets
        for row in s.iter_rows()
        for c in row
    )
    assert "Rozpoczęte pobyty w bezpiecznym zakwaterowaniu" in sheet_text  # the table of stays, counted
    _assert_hidden(sheet_text, "funder's report (XLSX)", token)


def _pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def test_the_referral_letter_holds_no_address(case, placement, cast):
    from ostoja.consent.codes import ShareItem
    from ostoja.partners.models import Organisation
    from ostoja.referrals.letters import letter_html, letter_pdf
    from ostoja.referrals.models import Referral

    partner = Organisation.objects.create(name="Legal clinic", kind="ngo", country="PL", city="Kraków")
    referral = Referral(
        case=case, partner=partner, purpose="legal", items=list(ShareItem.values), letter_language="en",
        situation="Needs a lawyer for the hearing.", created_by=cast[Role.CASE_MANAGER],
    )  # fmt: skip
    token = _stored_token()
    _assert_hidden(letter_html(referral), "referral letter (HTML)", token)
    text = _pdf_text(letter_pdf(referral))
    assert "Legal clinic" in text
    _assert_hidden(text, "referral letter (PDF)", token)


def test_no_log_no_e_mail_and_no_error_report_holds_the_address(
    client_for, case, placement, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    client = client_for(Role.CASE_MANAGER)
    assert _reveal(client, placement).status_code == 200
    # The page after the reveal fails: the error page and the error's report hold no address.
    real_render = views.render

    def failing(request, template, context=None, *args, **kwargs):
        if template == "shelter/address.html":
            raise RuntimeError("the page could not be drawn")
        return real_render(request, template, context, *args, **kwargs)

    monkeypatch.setattr(views, "render", failing)
    client.raise_request_exception = False
    response = _reveal(client, placement)
    assert response.status_code == 500
    token = _stored_token()
    _assert_hidden(response.content, "error page", token)
    failures = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert failures
    report = ExceptionReporter(failures[-1].request, *failures[-1].exc_info)
    _assert_hidden(report.get_traceback_text(), "error report", token)
    _assert_hidden(report.get_traceback_html(), "error report", token)
    _assert_hidden(caplog.text, "log", token)
    for message in mail.outbox:
        _assert_hidden(message.body, "e-mail", token)


def test_the_place_form_never_shows_the_address_and_keeps_it_when_left_empty(client_for, place):
    client = client_for(Role.ADMINISTRATOR)
    url = reverse("shelter:place_edit", args=[place.pk])
    page = client.get(url).content.decode()
    assert "An address is stored" in page and "Tajna" not in page
    data = {"version": place.version, "name": "Safe flat A", "kind": "safe_flat", "capacity": 3,
            "placing_roles": [Role.CASE_MANAGER, Role.SUPERVISOR], "active": "on", "address": ""}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert PlaceAddress.objects.get(place=place).address == ADDRESS
    assert Place.objects.get(pk=place.pk).capacity == 3
    row = AuditEvent.objects.filter(action="update", object_type="place").get()
    assert row.details["fields"] == ["capacity"]
    data.update(version=place.version + 1, address="ul. Nowa 2, 00-100 Gdzieś")
    assert client.post(url, data).status_code == 302
    assert PlaceAddress.objects.get(place=place).address == "ul. Nowa 2, 00-100 Gdzieś"
    changed = AuditEvent.objects.filter(action="update", object_type="place").order_by("-pk").first()
    assert changed.details["fields"] == ["address"] and "Nowa" not in str(changed.details)


def test_the_case_page_says_where_the_person_stays_and_offers_the_reveal_only_to_who_may(
    client_for, case, placement
):
    manager = client_for(Role.CASE_MANAGER).get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Safe flat A" in manager and "The address is hidden" in manager and "Show address" in manager
    specialist = client_for(ASSIGNED).get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Safe flat A" in specialist and "The address is hidden" in specialist
    assert "Show address" not in specialist
    # The timeline names the stay and the place, never where it is.
    assert "Stay at Safe flat A" in manager
