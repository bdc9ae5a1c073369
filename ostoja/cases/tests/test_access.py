"""Every case and person URL × every principal gives the right answer (the route matrix)."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import STAFF, Role
from ostoja.cases.access import Perm, Reason, case_access
from ostoja.people.models import PersonPhoto
from ostoja.people.photos import encode
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, OUTSIDER, PRINCIPALS, Route, routes_test

pytestmark = pytest.mark.django_db

EVERYONE = [*STAFF, BREAK_GLASS, ASSIGNED]  # every member of staff, whatever the case
CHANGE = [Role.CASE_MANAGER, Role.SUPERVISOR]  # the case manager, the team and supervision
VIEW = [*CHANGE, ASSIGNED, BREAK_GLASS]  # … the assigned specialist and the break-glass holder


def _person(get):
    return [get("case").person_id]


def _case(get):
    return [get("case").pk]


def _person_with_photo(get):
    case = get("case")
    PersonPhoto.objects.create(
        person=case.person, jpeg=encode(b"\xff\xd8 a photo"), uploaded_by=case.case_manager
    )
    return [case.person_id]


ROUTES = [
    Route("cases:person_search", EVERYONE),
    # The audit log's search by a person's name: for those who read the audit log.
    Route("cases:audit_person_search", [Role.SUPERVISOR, Role.ADMINISTRATOR]),
    Route("cases:person_register", EVERYONE),
    Route("cases:person_detail", EVERYONE, _person),
    Route("cases:person_edit", CHANGE, _person),
    Route("cases:protocol_edit", CHANGE, _person),
    Route("cases:channel_add", CHANGE, _person),
    Route("cases:document_add", CHANGE, _person),
    Route("cases:photo_upload", CHANGE, _person),
    Route("cases:photo", VIEW, _person_with_photo),
    Route("cases:person_merge", [Role.SUPERVISOR], _person),
    Route("cases:person_erase", [Role.SUPERVISOR, Role.ADMINISTRATOR], _person),
    # Opening a case changes the person; the form is for case managers, supervisors and duty workers.
    Route("cases:case_open", [Role.CASE_MANAGER, Role.SUPERVISOR], _person),
    Route("cases:case_list", EVERYONE),
    Route("cases:workload", [Role.SUPERVISOR]),
    # Everyone gets the case page; what it shows differs (see below).
    Route("cases:case_detail", EVERYONE, _case),
    Route("cases:case_edit", CHANGE, _case),
    # Closing: the case manager and supervision; reopening a case that is not closed leads back to it.
    Route("cases:case_close", CHANGE, _case),
    Route("cases:case_reopen", CHANGE, _case, allowed_status=302),
    Route("cases:note_add", VIEW, _case, method="post", allowed_status=400),
    # Asking for break-glass: a page for everyone (400 without a reason, 302 when already in).
    Route("cases:break_glass", EVERYONE, _case, method="post", allowed_status={302, 400}),
    Route("cases:break_glass_end", EVERYONE, _case, method="post", allowed_status=302),
]

test_route_access = routes_test(ROUTES)


def test_what_each_level_sees(cast, case, client_for):
    url = reverse("cases:case_detail", args=[case.pk])
    full = client_for(Role.SUPERVISOR).get(url).content.decode()
    duty = client_for(Role.DUTY_WORKER).get(url).content.decode()
    existence = client_for(Role.SPECIALIST).get(url).content.decode()
    assert "Kovalenko" in full and "Coś" not in full
    for page in (duty, existence):
        assert "Kovalenko" not in page and "Коваленко" not in page
        assert case.number in page
    assert "Karta dyżurna" in duty
    assert "Karta dyżurna" not in existence


@pytest.mark.parametrize("principal", [Role.SUPERVISOR, Role.CASE_MANAGER, Role.DUTY_WORKER])
def test_unknown_ids_are_404(principal, client_for):
    client = client_for(principal)
    gets = [
        "case_detail",
        "case_edit",
        "person_detail",
        "person_edit",
        "protocol_edit",
        "channel_add",
        "case_open",
    ]
    posts = ["note_add", "break_glass", "break_glass_end"]
    for name in gets:
        assert client.get(reverse(f"cases:{name}", args=[987654])).status_code == 404, name
    for name in posts:
        assert client.post(reverse(f"cases:{name}", args=[987654])).status_code == 404, name


def test_team_member_may_view_and_change(cast, case_factory):
    case = case_factory(members=[cast[Role.CASE_MANAGER]], manager=cast[Role.SUPERVISOR])
    assert case_access(cast[Role.CASE_MANAGER], case).reasons == {Reason.STAFF, Reason.TEAM}
    assert case_access(cast[Role.CASE_MANAGER], case).can(Perm.CHANGE)


def test_a_specialist_on_the_team_does_their_own_work_only(cast, case_factory):
    case = case_factory(members=[cast[Role.SPECIALIST]])
    access = case_access(cast[Role.SPECIALIST], case)
    assert access.reasons == {Reason.STAFF, Reason.SPECIALIST}
    assert access.can(Perm.VIEW) and access.can(Perm.NOTE) and access.can(Perm.DELIVER)
    assert not access.can(Perm.CHANGE) and not access.can(Perm.MANAGE_TEAM)
    assert case_access(cast[Role.DUTY_WORKER], case).perms == {Perm.EXISTS, Perm.DUTY_CARD}
    assert case_access(cast[Role.ADMINISTRATOR], case).perms == {Perm.EXISTS}
    assert case_access(cast[OUTSIDER], case).perms == set()


def test_principals_cover_roles_break_glass_assignment_outsider_and_anonymous():
    assert set(PRINCIPALS) == {*Role.values, BREAK_GLASS, ASSIGNED, "outsider", "anonymous"}
