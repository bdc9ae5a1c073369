"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import translation

from ostoja.accounts.models import User
from ostoja.accounts.roles import Discipline, Role
from ostoja.accounts.services import user_set_roles
from ostoja.audit import services as audit
from ostoja.cases import services as case_services
from ostoja.cases.codes import Phase
from ostoja.cases.models import Case
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, Person
from ostoja.testing.access import ASSIGNED, BREAK_GLASS, OUTSIDER, login_verified
from ostoja.testing.browser import (  # noqa: F401 — shared fixtures
    browser,
    live_server,
    page,
)

TEST_PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; the tests that check hashing switch it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread; every test starts from the default
    # so that no test depends on which one ran before it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def new_staff(username: str, *roles: str, **fields) -> User:
    """A staff account with ``roles`` and the test password (setup only: no rules, no audit)."""
    fields.setdefault("email", f"{username}@example.org")
    user = User.objects.create_user(username=username, password=TEST_PASSWORD, **fields)
    user_set_roles(user=user, roles=list(roles))
    return user


@pytest.fixture
def make_staff(db):
    def make(username: str, *roles: str, **fields) -> User:
        return new_staff(username, *roles, **fields)

    return make


@pytest.fixture
def cast(make_staff) -> dict[str, User]:
    """One user per role, two specialists whom the ``case`` fixture brings to its case (one holding
    break-glass access, one assigned to the team), and an outsider with no role."""
    people = {role: make_staff(f"user_{role}", role, first_name=role.title()) for role in Role.values}
    people[BREAK_GLASS] = make_staff("user_break_glass", Role.SPECIALIST, first_name="Breakglass")
    people[ASSIGNED] = make_staff(
        "user_assigned", Role.SPECIALIST, first_name="Assigned", discipline=Discipline.PSYCHOLOGY
    )
    people[OUTSIDER] = make_staff("user_outsider")
    return people


@pytest.fixture
def person_factory(cast):
    def make(
        given="Олена", family="Коваленко", given_latin="Olena", family_latin="Kovalenko", phone=None, **fields
    ):
        person = Person(
            given_name=given, family_name=family, given_name_latin=given_latin, family_name_latin=family_latin,
            registered_by=fields.pop("registered_by", cast[Role.CASE_MANAGER]), **fields,
        )  # fmt: skip
        channels = [ContactChannel(kind=ChannelKind.PHONE, value=phone, safety=Safety.SAFE)] if phone else []
        return people_services.person_register(person=person, channels=channels)

    return make


@pytest.fixture
def case_factory(cast, person_factory):
    def make(person=None, manager=None, members=(), **fields):
        case = Case(
            person=person or person_factory(), case_manager=manager or cast[Role.CASE_MANAGER],
            phase=fields.pop("phase", Phase.FOREIGNER_IN_POLAND), **fields,
        )  # fmt: skip
        return case_services.case_open(case=case, members=list(members))

    return make


def grant_break_glass(
    user: User, case: Case, reason: str = "The person is in danger; the team is away."
) -> None:
    """A live break-glass grant of ``user`` for ``case``, as if asked for on the case page."""
    request = RequestFactory().post("/")
    request.user = user
    audit.break_glass_start(request=request, object_type="case", object_id=case.pk, reason=reason)
    mail.outbox.clear()


@pytest.fixture
def case(case_factory, cast):
    """The case of the access tests: managed by the cast's case manager, with the assigned
    specialist on its team and the break-glass holder's grant open."""
    case = case_factory(members=[cast[ASSIGNED]])
    grant_break_glass(cast[BREAK_GLASS], case)
    return case


@pytest.fixture
def client_for(cast):
    def make(principal: str) -> Client:
        return login_verified(Client(), cast[principal])

    return make


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report
