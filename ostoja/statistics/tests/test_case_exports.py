"""Case-level exports: fields chosen, purpose required, audited with ids, encrypted, downloaded once."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.statistics.models import CaseExport, ReportStatus

pytestmark = pytest.mark.django_db
URL = reverse("statistics:exports")


def test_an_export_is_prepared_audited_and_downloaded_once_by_its_creator(
    client_for, case_factory, make_staff
):
    cases = [case_factory() for _ in range(3)]
    client = client_for(Role.SUPERVISOR)
    response = client.post(URL, {"fields": ["number", "given_name"], "file_format": "csv",
                                 "purpose": "Checking the files before the funder's audit", "token": "e" * 32})  # fmt: skip
    assert response.status_code == 302
    export = CaseExport.objects.get()
    assert export.status == ReportStatus.DONE and export.rows == 3
    # Encrypted at rest: the stored column holds no case number.
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, purpose FROM statistics_caseexport")
        stored = " ".join(cursor.fetchone())
    assert cases[0].number not in stored and "funder" not in stored
    event = AuditEvent.objects.filter(action="export", object_type="case").get()
    assert event.reason == "Checking the files before the funder's audit"
    assert sorted(ref.object_id for ref in event.refs.filter(object_type="case")) == sorted(
        c.pk for c in cases
    )
    # Another supervisor cannot download it.
    other = make_staff("druga", Role.SUPERVISOR)
    from ostoja.testing.access import login_verified

    stranger = login_verified(type(client)(), other)
    assert stranger.get(reverse("statistics:export_download", args=[export.pk])).status_code == 404
    download = client.get(reverse("statistics:export_download", args=[export.pk]))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["Numer sprawy", "Imię"] and {r[0] for r in rows[1:]} == {c.number for c in cases}
    assert {r[1] for r in rows[1:]} == {"Олена"}
    export.refresh_from_db()
    assert export.content == "" and export.downloaded_at is not None
    assert client.get(reverse("statistics:export_download", args=[export.pk])).status_code == 404


def test_no_purpose_no_export_and_the_choices_are_kept(client_for):
    response = client_for(Role.SUPERVISOR).post(
        URL, {"fields": ["number", "forms"], "file_format": "csv", "purpose": " ", "token": "f" * 32}
    )
    assert response.status_code == 400 and not CaseExport.objects.exists()
    body = response.content.decode()
    assert 'value="forms" id="id_fields_8" checked' in body or ('value="forms"' in body and "checked" in body)


def test_an_expired_export_is_not_downloaded(client_for, cast):
    export = CaseExport.objects.create(
        created_by=cast[Role.SUPERVISOR], purpose="p", fields=["number"], status=ReportStatus.DONE,
        content="YQ==", expires_at=timezone.now() - timedelta(minutes=1),
    )  # fmt: skip
    assert (
        client_for(Role.SUPERVISOR).get(reverse("statistics:export_download", args=[export.pk])).status_code
        == 404
    )


def test_the_exports_page_keeps_its_query_count(client_for, cast):
    from django.test.utils import CaptureQueriesContext

    client = client_for(Role.SUPERVISOR)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(12):
        CaseExport.objects.create(
            created_by=cast[Role.SUPERVISOR], purpose="p", fields=["number"], expires_at=timezone.now()
        )
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) <= len(few)


def test_housekeeping_deletes_expired_exports(cast):
    from django.core.management import call_command

    old = CaseExport.objects.create(
        created_by=cast[Role.SUPERVISOR], purpose="p", fields=["number"], status=ReportStatus.DONE,
        content="YQ==", expires_at=timezone.now() - timedelta(minutes=1),
    )  # fmt: skip
    fresh = CaseExport.objects.create(
        created_by=cast[Role.SUPERVISOR],
        purpose="p",
        fields=["number"],
        expires_at=timezone.now() + timedelta(hours=1),
    )
    call_command("housekeeping", "--job", "expired_exports")
    assert list(CaseExport.objects.values_list("pk", flat=True)) == [fresh.pk] and old.pk != fresh.pk
