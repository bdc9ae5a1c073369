"""Every case and person URL × every principal gives the right answer (SECURITY.md #1)."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.cases.access import Level, case_level
from ostoja.testing.access import OUTSIDER, PRINCIPALS, assert_access

pytestmark = pytest.mark.django_db

EVERY_ROLE = list(Role.values)
TEAM = [Role.CASE_MANAGER, Role.SUPERVISOR]


def test_case_pages(cast, case):
    pk = case.pk
    # The case file itself: everyone with a role gets a page, but not the same page (see below).
    assert_access(reverse("cases:case_detail", args=[pk]), cast=cast, allowed=EVERY_ROLE)
    assert_access(reverse("cases:case_edit", args=[pk]), cast=cast, allowed=TEAM)
    assert_access(
        reverse("cases:note_add", args=[pk]), cast=cast, allowed=TEAM, method="post", allowed_status=400
    )
    assert_access(
        reverse("cases:break_glass", args=[pk]), cast=cast, allowed=EVERY_ROLE, method="post",
        allowed_status={302, 400},
    )  # fmt: skip
    assert_access(
        reverse("cases:break_glass_end", args=[pk]),
        cast=cast,
        allowed=TEAM,
        method="post",
        allowed_status=302,
    )


def test_person_pages(cast, case):
    pk = case.person_id
    assert_access(reverse("cases:person_detail", args=[pk]), cast=cast, allowed=EVERY_ROLE)
    assert_access(reverse("cases:person_edit", args=[pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("cases:protocol_edit", args=[pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("cases:channel_add", args=[pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("cases:document_add", args=[pk]), cast=cast, allowed=TEAM)
    assert_access(reverse("cases:person_merge", args=[pk]), cast=cast, allowed=[Role.SUPERVISOR])
    assert_access(reverse("cases:case_open", args=[pk]), cast=cast, allowed=TEAM)


def test_lists_and_search_are_open_to_staff_only(cast):
    for name in ("cases:case_list", "cases:person_search", "cases:person_register"):
        assert_access(reverse(name), cast=cast, allowed=EVERY_ROLE)


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


def test_team_member_has_full_access(cast, case_factory):
    case = case_factory(members=[cast[Role.SPECIALIST]])
    assert case_level(cast[Role.SPECIALIST], case) == Level.FULL
    assert case_level(cast[Role.DUTY_WORKER], case) == Level.DUTY_CARD
    assert case_level(cast[Role.ADMINISTRATOR], case) == Level.EXISTENCE
    assert case_level(cast[OUTSIDER], case) == Level.NONE


def test_principals_cover_roles_outsider_and_anonymous():
    assert set(PRINCIPALS) == {*Role.values, "outsider", "anonymous"}
