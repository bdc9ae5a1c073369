"""Confidential specialist notes: read only by specialists of the same discipline on the case and by
the supervisor, every read audited — the access matrix for every role."""

import pytest
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Discipline, Role
from ostoja.audit.models import AuditObject
from ostoja.cases import services as case_services
from ostoja.cases.models import CaseMember
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, OUTSIDER, PRINCIPALS, login_verified

pytestmark = pytest.mark.django_db

SECRET = "Koszmary od czasu nalotu; rozmowa o rodzinie."
READS = {Role.SUPERVISOR, ASSIGNED, "psychologist_2"}  # the same discipline on the team, and supervision


def test_every_role_against_a_confidential_psychology_note(case, cast, make_staff):
    note = case_services.note_add(
        case=case, author=cast[ASSIGNED], text=SECRET, confidential_to=Discipline.PSYCHOLOGY
    )
    people = dict(cast)
    people["psychologist_2"] = make_staff("psy2", Role.SPECIALIST, discipline=Discipline.PSYCHOLOGY)
    people["lawyer_on_team"] = make_staff("lawyer", Role.SPECIALIST, discipline=Discipline.LEGAL)
    people["psychologist_off_team"] = make_staff("psy3", Role.SPECIALIST, discipline=Discipline.PSYCHOLOGY)
    for who in ("psychologist_2", "lawyer_on_team"):
        CaseMember.objects.create(case=case, user=people[who])
    url = reverse("cases:case_detail", args=[case.pk])
    wrong = []
    for who in [
        *(p for p in PRINCIPALS if p != "anonymous"),
        "psychologist_2",
        "lawyer_on_team",
        "psychologist_off_team",
    ]:
        page = login_verified(Client(), people[who]).get(url).content.decode()
        if (SECRET in page) != (who in READS):
            wrong.append(who)
    assert not wrong, f"wrong visibility for: {wrong}"
    # Whoever read it is named in the audit log with the note.
    readers = set(
        AuditObject.objects.filter(object_type="note", object_id=note.pk).values_list(
            "event__actor_id", flat=True
        )
    )
    assert {people[w].pk for w in READS} <= readers
    assert people[BREAK_GLASS].pk not in readers and people[OUTSIDER].pk not in readers
