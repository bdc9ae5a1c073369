"""A stored date no calendar can hold takes no page down (issue: one call time took the hotline's home
page down for everyone).

Year 1 and year 9999 are written straight into every date and date-time column of the project, with
the offsets that push them out of Python's calendar (``0001-01-01T00:00:00+14:00`` is 1 BC in UTC,
``9999-12-31T23:59:59-12:00`` is year 10000). Then every page that reads dates is rendered, every
e-mail that shows one, and the periodic jobs run: nothing may fail, and the bad row shows as
"invalid date".

Every route of the project is either visited here or listed in ``NOT_VISITED`` with the reason, so a
new page joins the check as soon as it is added.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from ostoja.audit.triggers import MESSAGE as APPEND_ONLY
from ostoja.hotline.models import Intervention, Meeting
from ostoja.testing.access import login_verified
from ostoja.testing.pages import NOT_VISITED, route_names, visits
from ostoja.testing.world import build_world
from ostoja.vault.fields import EncryptedField

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 11, 28, 23, 57, tzinfo=ZoneInfo("Europe/Warsaw"))
INVALID = "nieprawidłowa data"

# What the telephony API accepted before the windows: out of range once moved to UTC.
EXTREMES = {
    "year1": {
        "postgresql": "0001-01-01T00:00:00+14:00",
        "sqlite": "0000-12-31 10:00:00",  # the same moment as SQLite stores it: UTC text
        "date": "0001-01-01",
        "python_date": dt.date(1, 1, 1),
    },
    "year9999": {
        "postgresql": "9999-12-31T23:59:59-12:00",
        "sqlite": "10000-01-01 11:59:59",
        "date": "9999-12-31",
        "python_date": dt.date(9999, 12, 31),
    },
}


def project_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("ostoja.") and m._meta.managed and not m._meta.proxy
    ]


def temporal_columns() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for model in project_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField | models.DateTimeField)
    ]


def constrained_columns() -> set[str]:
    """Columns a check constraint of the database compares with another (end after start)."""
    found = set()
    for model, field in temporal_columns():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint) and field.name in str(constraint.condition):
                found.add(f"{model._meta.db_table}.{field.column}")
    return found


def store_extremes(extreme: str) -> tuple[list[str], list[str]]:
    """Writes the extreme value into every stored value of every date column; returns (written, refused).

    Only values already there are replaced (``IS NOT NULL``): a date where the record has none would
    say something that never happened (a feed revoked, a case closed).
    """
    written, refused = [], []
    values = EXTREMES[extreme]
    for model, field in temporal_columns():
        name = f"{model._meta.db_table}.{field.column}"
        if isinstance(field, EncryptedField):
            # Encrypted: no SQL can write a value; the application's own save can.
            rows = [row for row in model.objects.all() if getattr(row, field.attname) is not None]
            for row in rows:
                setattr(row, field.attname, values["python_date"])
                row.save(update_fields=[field.name])
            if rows:
                written.append(name)
            continue
        value = values[connection.vendor] if isinstance(field, models.DateTimeField) else values["date"]
        table, column = (
            connection.ops.quote_name(model._meta.db_table),
            connection.ops.quote_name(field.column),
        )
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {column} IS NOT NULL", [value])  # noqa: S608
                if cursor.rowcount:
                    written.append(name)
            continue
        except DatabaseError as error:
            if APPEND_ONLY not in str(error):
                assert isinstance(error, IntegrityError), error
                refused.append(name)  # a database constraint keeps this value out: it can never be stored
                continue
            # Append-only (the audit log): a new row with the bad value, copied from the newest one.
        others = [
            connection.ops.quote_name(f.column) for f in model._meta.concrete_fields if not f.primary_key
        ]
        select = ", ".join("%s" if c == column else c for c in others)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(others)}) SELECT {select} FROM {table} "  # noqa: S608
                f"ORDER BY {connection.ops.quote_name(model._meta.pk.column)} DESC LIMIT 1",
                [value],
            )
            if cursor.rowcount:
                written.append(name)
    return written, refused


# Date columns the world leaves empty, and why.
NOT_IN_THE_WORLD: set[str] = {
    # An erased person's values are blank and their key destroyed: no page reads them again
    # (cases/tests/test_erasure.py shows what remains of them).
    "people_person.erased_at",
}

# Pages where the bad value is on show: each must say so rather than hide it.
SHOWS_THE_BAD_VALUE = [
    "accounts:grant_list", "cases:person_detail", "cases:case_detail", "hotline:home", "hotline:contact", "hotline:intervention",
    "hotline:roster", "hotline:meeting", "identification:case_overview", "audit:log",
    "statistics:case_questionnaire",
]  # fmt: skip


@pytest.fixture
def world(settings, tmp_path):
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(MOMENT, tick=False):
        yield build_world()


def test_every_route_is_visited_or_says_why_not(world):
    visited = set(visits(world))
    assert not visited & set(NOT_VISITED), visited & set(NOT_VISITED)
    missing = route_names() - visited - set(NOT_VISITED)
    assert not missing, (
        f"Routes neither visited by this test nor listed in NOT_VISITED with a reason: {sorted(missing)}"
    )


@pytest.mark.parametrize("extreme", sorted(EXTREMES))
def test_no_page_fails_on_a_date_no_calendar_can_hold(world, extreme):
    with time_machine.travel(MOMENT, tick=False):
        written, refused = store_extremes(extreme)
        # The world has a value in every date column, so each is tried.
        every = {f"{m._meta.db_table}.{f.column}" for m, f in temporal_columns()}
        assert every - set(written) - set(refused) <= NOT_IN_THE_WORLD, every - set(written) - set(refused)
        # Only a check constraint may keep a value out (a shift must end after it starts).
        assert set(refused) <= constrained_columns(), refused
        client = login_verified(Client(raise_request_exception=True), world.everyone)
        failures, shown = [], {}
        for name, requests in visits(world).items():
            for method, url, data in requests:
                try:
                    response = getattr(client, method)(url, data)
                except Exception as error:  # collect every failing page, then report them all
                    failures.append(f"{name} {url}: {type(error).__name__}: {error}")
                    continue
                if response.status_code >= 500:
                    failures.append(f"{name} {url}: {response.status_code}")
                body = b"".join(response.streaming_content) if response.streaming else response.content
                shown[name] = shown.get(name, "") + body.decode(errors="replace")
        assert not failures, "\n".join(failures)
        missing = [name for name in SHOWS_THE_BAD_VALUE if INVALID not in shown[name]]
        assert not missing, f"Pages that hide the invalid date instead of showing it: {missing}"


@pytest.mark.parametrize("extreme", sorted(EXTREMES))
def test_no_mail_and_no_periodic_job_fails_on_such_a_date(world, extreme, mailoutbox):
    from ostoja.audit.models import BreakGlassGrant

    with time_machine.travel(MOMENT, tick=False):
        store_extremes(extreme)
        call_command("housekeeping", verbosity=0)
        call_command("escalate_overdue", verbosity=0)
        # The copied audit row breaks the chain: verify says where, in words, without failing itself.
        with translation.override("en"), pytest.raises(CommandError, match="Audit chain broken"):
            call_command("audit", "verify")
        with translation.override("pl"):
            intervention = Intervention.objects.get(pk=world.intervention.pk)
            mails = [
                render_to_string(
                    "hotline/email/escalation.txt", {"intervention": intervention, "minutes": 1}
                ),
                render_to_string("hotline/email/meeting_reminder.txt", {"meeting": Meeting.objects.first()}),
                render_to_string("audit/email/break_glass.txt", {"grant": BreakGlassGrant.objects.first()}),
            ]
        assert all(INVALID in mail for mail in mails), mails
