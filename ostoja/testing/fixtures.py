"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.test import Client

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.accounts.services import user_set_roles
from ostoja.testing.access import OUTSIDER, login_verified
from ostoja.testing.browser import browser, page  # noqa: F401 — shared fixtures

TEST_PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; the tests that check hashing switch it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_staff(db):
    def make(username: str, *roles: str, **fields) -> User:
        fields.setdefault("email", f"{username}@example.org")
        user = User.objects.create_user(username=username, password=TEST_PASSWORD, **fields)
        user_set_roles(user=user, roles=list(roles))
        return user

    return make


@pytest.fixture
def cast(make_staff) -> dict[str, User]:
    """One user per role, plus an outsider with no role."""
    people = {role: make_staff(f"user_{role}", role, first_name=role.title()) for role in Role.values}
    people[OUTSIDER] = make_staff("user_outsider")
    return people


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
