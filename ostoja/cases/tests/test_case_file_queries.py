"""The case file reads each table once: its timeline and the apps' sections share what they load.

On the test world's case, with every section filled and a long timeline, the page takes a fixed
number of statements however many rows the case has, and shows and audits exactly what it showed
when each section and timeline source read its own rows.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ostoja.audit.models import AuditEvent, AuditObject
from ostoja.cases import timeline
from ostoja.cases.services import note_add
from ostoja.testing.access import login_verified
from ostoja.testing.world import build_world

pytestmark = pytest.mark.django_db

# Statements of one case file page in a test (the audit's sealing after commit does not run inside a
# test's transaction): 49 for a reader of every section, 46 for the case manager, when the timeline and
# the sections first shared their loads (74 and 71 before); the ministry questionnaire's section then
# added its one row.
MOST = 50


def _more_rows(case, copies: int) -> None:
    """Each of the case's rows of the tables its sections and timeline show, ``copies`` times over
    (up to the rows the page shares: past those a table costs one more statement, see case_rows)."""
    from ostoja.assessments.models import NeedsAssessment
    from ostoja.casefiles.models import Attachment, DocumentRestoration
    from ostoja.hotline.models import Contact, Meeting
    from ostoja.identification.models import ChecklistRecord, Screening
    from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument
    from ostoja.referrals.models import Referral
    from ostoja.services.models import Delivery
    from ostoja.shelter.models import Placement
    from ostoja.tasks.models import Task

    models = (
        Task, Contact, Meeting, Delivery, Placement, Attachment, DocumentRestoration, Referral, NeedsAssessment,
        Proceeding, Hearing, CooperationDecision, ResidenceDocument, Matter, Screening, ChecklistRecord,
    )  # fmt: skip
    for model in models:
        rows = list(model.objects.filter(case=case))
        assert rows, model  # the world fills every section
        for row in rows:
            for _ in range(copies):
                row.pk = None
                row._state.adding = True
                try:
                    with transaction.atomic():
                        row.save()
                except (IntegrityError, ValidationError):  # one of a kind per case (a current record)
                    break
        assert model.objects.filter(case=case).count() <= timeline.SHARED_ROWS, model
    for n in range(copies * 3):
        note_add(case=case, author=case.case_manager, text=f"note {n}")


def _page(client: Client, url: str) -> tuple[int, str, set, str]:
    """Statements, what the page shows of its sections and timeline, the records its audit row names, and
    the query of its next (older) timeline page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    first = html.index('aria-labelledby="section-')
    notes, timeline_at, seen = (
        html.index(f'aria-labelledby="{h}"') for h in ("notes-h", "timeline-h", "seen-h")
    )
    shown = re.sub(r"\s+", " ", html[first:notes] + html[timeline_at:seen])
    shown = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", shown)  # masked anew on each page
    event = AuditEvent.objects.filter(action="view", object_type="case").latest("pk")
    audited = set(AuditObject.objects.filter(event=event).values_list("object_type", "object_id"))
    return len(queries), shown, audited, response.context["older_query"]


@pytest.fixture
def world():
    return build_world()


def _clients(world) -> dict[str, Client]:
    return {
        "everyone": login_verified(Client(), world.everyone),
        "manager": login_verified(Client(), world.manager),
    }


def test_the_case_file_takes_few_statements_however_long_the_case(world):
    url = reverse("cases:case_detail", args=[world.case.pk])
    clients = _clients(world)
    _more_rows(world.case, 1)  # every kind of entry on the first page, each with the text it shows
    few = {name: _page(client, url)[0] for name, client in clients.items()}
    _more_rows(world.case, 4)
    for name, client in clients.items():
        number, _shown, _audited, older = _page(client, url)
        assert older  # the timeline is longer than a page
        assert number <= few[name], name
        assert number <= MOST, name


def test_shared_loads_show_and_audit_what_separate_reads_did(world, monkeypatch):
    """The page is the same, word for word, and names the same records in its audit row, whether the
    sections and the timeline share their loads or (a case with more rows than are shared) each reads
    its own."""
    _more_rows(world.case, 3)
    url = reverse("cases:case_detail", args=[world.case.pk])
    for client in _clients(world).values():
        _n, shown, audited, older = _page(client, url)
        _n, shown_older, audited_older, _ = _page(client, f"{url}?{older}")
        monkeypatch.setattr(timeline, "SHARED_ROWS", 0)
        _n, separate, audited_separately, older_separately = _page(client, url)
        assert (separate, audited_separately, older_separately) == (shown, audited, older)
        assert _page(client, f"{url}?{older}")[1:3] == (shown_older, audited_older)
        monkeypatch.undo()
