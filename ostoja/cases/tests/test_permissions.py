"""Permissions per action: each reason to be near a case grants its stated set, and no more."""

import re
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Discipline, Role
from ostoja.cases import services
from ostoja.cases.access import GRANTS, Perm, Reason, case_access, person_access
from ostoja.cases.models import Case, CaseMember, Note
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, OUTSIDER

pytestmark = pytest.mark.django_db

EMERGENCY = {Perm.EXISTS, Perm.DUTY_CARD, Perm.VIEW, Perm.CONTACT, Perm.NOTE}
TEAM = EMERGENCY | {Perm.DELIVER, Perm.CHANGE}
SPECIALIST = EMERGENCY | {Perm.DELIVER, Perm.CONFIDENTIAL}


def test_break_glass_grants_what_an_emergency_needs_and_never_the_team():
    assert GRANTS[Reason.BREAK_GLASS] == EMERGENCY
    for perm in (Perm.CHANGE, Perm.MANAGE_TEAM, Perm.CONFIDENTIAL):
        assert perm not in GRANTS[Reason.BREAK_GLASS]


def test_only_the_case_manager_and_supervision_manage_the_team():
    managing = {reason for reason, perms in GRANTS.items() if Perm.MANAGE_TEAM in perms}
    assert managing == {Reason.CASE_MANAGER, Reason.SUPERVISION}


def test_only_an_assigned_specialist_and_supervision_see_confidential_material():
    assert {reason for reason, perms in GRANTS.items() if Perm.CONFIDENTIAL in perms} == {
        Reason.SPECIALIST,
        Reason.SUPERVISION,
    }


def test_a_specialist_does_their_own_work_and_never_changes_the_case():
    """A specialist on the team records deliveries and notes; the case, its team, the person and the
    identification status are the case manager's."""
    assert GRANTS[Reason.SPECIALIST] == SPECIALIST
    for perm in (Perm.CHANGE, Perm.MANAGE_TEAM, Perm.APPROVE):
        assert perm not in GRANTS[Reason.SPECIALIST]


def test_only_supervision_approves_plans():
    assert {reason for reason, perms in GRANTS.items() if Perm.APPROVE in perms} == {Reason.SUPERVISION}


def test_a_specialist_who_also_manages_cases_works_as_the_team(cast, case, make_staff):
    both = make_staff("both", Role.SPECIALIST, Role.CASE_MANAGER, discipline=Discipline.LEGAL)
    CaseMember.objects.create(case=case, user=both)
    assert case_access(both, case).perms == TEAM | {Perm.CONFIDENTIAL}
    assert case_access(both, case).disciplines == {Discipline.LEGAL}


def test_every_reason_has_a_stated_set():
    assert set(GRANTS) == set(Reason)


def test_the_table_in_the_architecture_guide_is_the_table_in_the_code():
    guide = (Path(__file__).resolve().parents[3] / "docs" / "ARCHITECTURE.md").read_text()
    table = guide.split("| reason | permissions |", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for reason, perms in re.findall(r"^\s*\| `(\w+)` \| ([^|]+) \|", table, flags=re.M):
        documented[reason] = {p.strip(" `") for p in perms.split(",")}
    assert documented == {str(r): {str(p) for p in perms} for r, perms in GRANTS.items()}


def test_each_member_of_the_cast_gets_the_stated_set(cast, case):
    expected = {
        Role.SUPERVISOR: TEAM | {Perm.MANAGE_TEAM, Perm.APPROVE, Perm.CONFIDENTIAL},
        Role.CASE_MANAGER: TEAM | {Perm.MANAGE_TEAM},
        ASSIGNED: SPECIALIST,
        BREAK_GLASS: EMERGENCY,
        Role.DUTY_WORKER: {Perm.EXISTS, Perm.DUTY_CARD},
        Role.SPECIALIST: {Perm.EXISTS},
        Role.ADMINISTRATOR: {Perm.EXISTS},
        OUTSIDER: set(),
    }
    got = {who: set(case_access(cast[who], case).perms) for who in expected}
    assert got == expected
    # A person's permissions are those over their cases.
    assert set(person_access(cast[BREAK_GLASS], case.person).perms) == EMERGENCY


def test_break_glass_cannot_become_permanent_access(cast, case, client_for):
    """Open a case by break-glass, save the edit form with oneself on the team, end the grant:
    nothing is left."""
    specialist = cast[Role.SPECIALIST]
    client = client_for(Role.SPECIALIST)
    edit = reverse("cases:case_edit", args=[case.pk])
    with time_machine.travel(timezone.now(), tick=False):
        response = client.post(
            reverse("cases:break_glass", args=[case.pk]),
            {"reason": "The person calls the hotline in danger; the team cannot be reached."},
        )
        assert response.status_code == 302
        assert case_access(specialist, case).reasons == {Reason.STAFF, Reason.BREAK_GLASS}
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
        form = {
            "kind": case.kind, "phase": case.phase, "status": case.status, "version": case.version,
            "case_manager": specialist.pk, "members": [specialist.pk, cast[ASSIGNED].pk],
        }  # fmt: skip
        assert client.get(edit).status_code == 403
        assert client.post(edit, form).status_code == 403
        # Nor through the service, whatever calls it.
        case.case_manager = specialist
        with pytest.raises(PermissionDenied):
            services.case_update(
                case=case, actor=specialist, expected_version=case.version,
                before=services.case_snapshot(Case.objects.get(pk=case.pk)), members=[specialist],
            )  # fmt: skip
        assert client.post(reverse("cases:break_glass_end", args=[case.pk])).status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert stored.case_manager == cast[Role.CASE_MANAGER]
    assert not CaseMember.objects.filter(case=case, user=specialist).exists()
    assert case_access(specialist, stored).perms == {Perm.EXISTS}
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Kovalenko" not in page


def test_an_assigned_specialist_can_neither_edit_nor_close_the_case(cast, case, client_for):
    edit = reverse("cases:case_edit", args=[case.pk])
    client = client_for(ASSIGNED)
    assert client.get(edit).status_code == 403
    form = {
        "kind": case.kind, "phase": case.phase, "status": "closed", "closure_reason": "goals_met",
        "version": case.version, "case_manager": cast[ASSIGNED].pk, "members": [cast[ASSIGNED].pk],
    }  # fmt: skip
    assert client.post(edit, form).status_code == 403
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.case_manager) == (case.status, cast[Role.CASE_MANAGER])
    status = reverse("identification:status_change", args=[case.pk])
    assert client.get(status).status_code == 403
    assert client.post(status, {"status": "preliminary", "grounds": "x"}).status_code == 403
    person_edit = reverse("cases:person_edit", args=[case.person_id])
    assert client.get(person_edit).status_code == 403


def test_a_team_member_cannot_change_the_team(cast, case, client_for, make_staff):
    assigned = make_staff("second_manager", Role.CASE_MANAGER)
    CaseMember.objects.create(case=case, user=assigned)
    from django.test import Client

    from ostoja.testing.access import login_verified

    client = login_verified(Client(), assigned)
    edit = reverse("cases:case_edit", args=[case.pk])
    page = client.get(edit)
    assert page.context["form"].fields["members"].disabled
    response = client.post(
        edit,
        {
            "kind": case.kind, "phase": case.phase, "status": case.status, "version": case.version,
            "risk_flags": ["trafficker_contact"],
            "case_manager": assigned.pk, "members": [assigned.pk, cast[Role.SPECIALIST].pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert stored.risk_flags == ["trafficker_contact"]  # what they may change is saved …
    assert stored.case_manager == cast[Role.CASE_MANAGER]  # … the team is not
    assert set(stored.members.values_list("user_id", flat=True)) == {assigned.pk, cast[ASSIGNED].pk}
    # Naming oneself case manager does not grant the right to do it.
    stored.case_manager = assigned
    with pytest.raises(PermissionDenied):
        services.case_update(
            case=stored, actor=assigned, expected_version=stored.version,
            before=services.case_snapshot(Case.objects.get(pk=case.pk)),
        )  # fmt: skip


def test_the_case_manager_changes_the_team(cast, case, client_for):
    response = client_for(Role.CASE_MANAGER).post(
        reverse("cases:case_edit", args=[case.pk]),
        {
            "kind": case.kind, "phase": case.phase, "status": case.status, "version": case.version,
            "case_manager": cast[Role.CASE_MANAGER].pk, "members": [cast[Role.SPECIALIST].pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert set(case.members.values_list("user_id", flat=True)) == {cast[Role.SPECIALIST].pk}


def test_confidential_notes_stay_with_their_discipline(cast, case, client_for, make_staff):
    url = reverse("cases:case_detail", args=[case.pk])
    psychologist = client_for(ASSIGNED)
    token = psychologist.get(url).context["note_form"]["token"].value()
    response = psychologist.post(
        reverse("cases:note_add", args=[case.pk]),
        {"text": "Sleeps badly since the raid.", "token": token, "confidential_to": Discipline.PSYCHOLOGY},
    )
    assert response.status_code == 302
    assert Note.objects.get().confidential_to == Discipline.PSYCHOLOGY
    assert "Sleeps badly" in psychologist.get(url).content.decode()
    for other in (Role.CASE_MANAGER, BREAK_GLASS):
        assert "Sleeps badly" not in client_for(other).get(url).content.decode(), other
    # The supervisor reads every discipline's confidential notes, and the read is audited.
    assert "Sleeps badly" in client_for(Role.SUPERVISOR).get(url).content.decode()
    # A lawyer on the team neither reads it nor may file a note as psychology.
    lawyer = make_staff("lawyer", Role.SPECIALIST, discipline=Discipline.LEGAL)
    CaseMember.objects.create(case=case, user=lawyer)
    assert not case_access(lawyer, case).sees_confidential(Discipline.PSYCHOLOGY)
    with pytest.raises(PermissionDenied):
        services.note_add(case=case, author=lawyer, text="x", confidential_to=Discipline.PSYCHOLOGY)
    token = client_for(Role.CASE_MANAGER).get(url).context["note_form"]["token"].value()
    response = client_for(Role.CASE_MANAGER).post(
        reverse("cases:note_add", args=[case.pk]),
        {"text": "Should not be filed", "token": token, "confidential_to": Discipline.PSYCHOLOGY},
    )
    assert response.status_code == 400
    assert "confidential_to" in response.context["note_form"].errors
