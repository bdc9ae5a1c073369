"""Two people saving the same record at the same instant: one is saved, the other sees a conflict.

For every record staff may edit at the same time, each trial opens the edit form as two colleagues,
then sends both saves from two threads released by a barrier. Exactly one save goes through; the
other answers with the form again, the values saved meanwhile and the colleague's own input; the
record holds the winner's value and its version moved by exactly one. Nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.codes import Phase
from ostoja.hotline import meetings
from ostoja.hotline import services as hotline_services
from ostoja.hotline.models import Contact, Intervention, Meeting
from ostoja.partners.models import Organisation
from ostoja.people.models import SafeContactProtocol
from ostoja.public.models import CentreContact, PublicText
from ostoja.testing.access import login_verified
from ostoja.testing.forms import as_sent
from ostoja.testing.races import TRIALS, race, skip_unless_concurrent_database

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@dataclass
class Edit:
    """One editable record: where its form is, where it is sent, and how to read the field back."""

    form_url: str
    post_url: str
    field: str
    read: Callable[[], tuple[str, int]]  # (the field's saved value, the record's version)
    context_key: str = "form"


@pytest.fixture(autouse=True)
def _concurrent_database():
    skip_unless_concurrent_database()


def _colleagues(make_staff, role: str, trial: int = 0) -> list[Client]:
    users = [make_staff(f"{role}_{trial}_{n}", role) for n in (1, 2)]
    return [login_verified(Client(), user) for user in users]


def _race_edit(
    clients: list[Client],
    edit: Edit,
    *,
    values: tuple[str, str] | None = None,
    extra: dict | None = None,
    refused_status: int = 200,
) -> None:
    before_value, before_version = edit.read()
    values = values or (f"{before_value} – A".strip(), f"{before_value} – B".strip())
    payloads = [
        as_sent(client.get(edit.form_url).context[edit.context_key], **{edit.field: value}) | (extra or {})
        for client, value in zip(clients, values, strict=True)
    ]
    responses = race(
        *[lambda c=c, p=p: c.post(edit.post_url, p) for c, p in zip(clients, payloads, strict=True)]
    )
    statuses = [r.status_code for r in responses]
    assert sorted(statuses) == sorted([302, refused_status]), statuses
    winner = statuses.index(302)
    refused = responses[1 - winner]
    assert refused.context["conflict"], "the refused save shows what is saved now"
    assert values[1 - winner] in refused.content.decode(), "the refused save keeps what its author typed"
    assert edit.read() == (values[winner], before_version + 1)


def test_the_safe_contact_protocol(make_staff, case_factory):
    person = case_factory().person
    protocol = SafeContactProtocol.objects.get(person=person)
    protocol.when = "after 18:00"
    protocol.save()
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        protocol.refresh_from_db()
        return protocol.when, protocol.version

    url = reverse("cases:protocol_edit", args=[person.pk])
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "when", read))


def test_a_person(make_staff, case_factory):
    person = case_factory().person
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        person.refresh_from_db()
        return person.given_name_latin, person.version

    url = reverse("cases:person_edit", args=[person.pk])
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "given_name_latin", read))


def test_a_case(make_staff, case_factory):
    case = case_factory()
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        case.refresh_from_db()
        return case.phase, case.version

    # An open case's edit form holds no free text (closing has its own page): the two edits choose
    # the two phases the case is not in.
    url = reverse("cases:case_edit", args=[case.pk])
    for _trial in range(TRIALS):
        others = tuple(p for p in Phase.values if p != read()[0])
        _race_edit(clients, Edit(url, url, "phase", read), values=others)


def test_a_meeting(make_staff, case_factory):
    case = case_factory()
    meeting = meetings.meeting_schedule(
        meeting=Meeting(case=case, starts_at=timezone.now() + timedelta(days=2), place_kind="office", purpose="Plan"),
        staff=[], created_by=case.case_manager,
    )  # fmt: skip
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        meeting.refresh_from_db()
        return meeting.purpose, meeting.version

    url = reverse("hotline:meeting_edit", args=[meeting.pk])
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "purpose", read))


def test_triage_of_a_web_report(make_staff):
    clients = _colleagues(make_staff, Role.DUTY_WORKER)
    for _trial in range(TRIALS):
        report = hotline_services.contact_from_web_report(
            language="en", text="Please help", reporter_kind="person"
        )

        def read(report=report):
            report.refresh_from_db()
            return report.caller_country, report.version

        url = reverse("hotline:contact", args=[report.pk])
        # A country code is two letters: the colleagues choose two different ones.
        _race_edit(clients, Edit(url, url, "caller_country", read, context_key="triage"), values=("UA", "RO"))


def test_closing_an_intervention(make_staff, cast):
    clients = _colleagues(make_staff, Role.SUPERVISOR)
    for trial in range(TRIALS):
        contact = hotline_services.contact_log(
            contact=Contact(channel="phone", urgency="urgent", summary=f"Call {trial}"), created_by=cast[Role.DUTY_WORKER]
        )  # fmt: skip
        intervention = hotline_services.intervention_open(
            contact=contact, needs=[], opened_by=cast[Role.DUTY_WORKER]
        )

        def read(intervention=intervention):
            intervention.refresh_from_db()
            return intervention.outcome_note, intervention.version

        edit = Edit(
            reverse("hotline:intervention", args=[intervention.pk]),
            reverse("hotline:intervention_close", args=[intervention.pk]),
            "outcome_note", read, context_key="close_form",
        )  # fmt: skip
        _race_edit(
            clients,
            edit,
            values=("Closed – A", "Closed – B"),
            extra={"outcome": "safe"},
            refused_status=422,
        )
        assert Intervention.objects.get(pk=intervention.pk).status == "closed"


def test_a_public_text(make_staff):
    text, _ = PublicText.objects.get_or_create(
        language="en", key="about", defaults={"title": "About", "body": "Text"}
    )
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        text.refresh_from_db()
        return text.body, text.version

    url = reverse("public:admin_text_edit", args=["en", "about"])
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "body", read), extra={"save": "1"})


def test_the_centre_contact_details(make_staff):
    CentreContact.objects.update_or_create(pk=1, defaults={"phone": "+48 22 000 00 00"})
    clients = _colleagues(make_staff, Role.ADMINISTRATOR)

    def read():
        contact = CentreContact.objects.get(pk=1)
        return contact.postal_address, contact.version

    url = reverse("public:admin_contact")
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "postal_address", read))


def test_a_partner_organisation(make_staff):
    partner = Organisation.objects.create(name="Fairwork", kind="ngo", country="NL", city="Utrecht")
    clients = _colleagues(make_staff, Role.SUPERVISOR)

    def read():
        partner.refresh_from_db()
        return partner.city, partner.version

    url = reverse("partners:organisation_edit", args=[partner.pk])
    for _trial in range(TRIALS):
        # The directory's form answers a refused save as any refused form: 400, the conflict shown.
        _race_edit(clients, Edit(url, url, "city", read), refused_status=400)


def test_a_staff_account(make_staff):
    target = make_staff("target", Role.SPECIALIST, first_name="Anna")
    clients = _colleagues(make_staff, Role.ADMINISTRATOR)

    def read():
        target.refresh_from_db()
        return target.first_name, target.version

    url = reverse("accounts:staff_edit", args=[target.pk])
    for _trial in range(TRIALS):
        _race_edit(clients, Edit(url, url, "first_name", read))


def test_the_sign_in_policy(make_staff):
    from ostoja.accounts.models import SignInPolicy
    from ostoja.testing.fixtures import TEST_PASSWORD

    clients = _colleagues(make_staff, Role.ADMINISTRATOR)

    def read():
        policy = SignInPolicy.current()
        return ",".join(policy.passkey_roles), 0 if policy._state.adding else policy.version

    url = reverse("accounts:sign_in_policy")
    choices = [Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST]
    for _trial in range(TRIALS):
        current = read()[0]
        values = tuple(role for role in choices if role != current)[:2]
        edit = Edit(url, url, "passkey_roles", read)
        _race_edit(clients, edit, values=values, extra={"password": TEST_PASSWORD}, refused_status=400)
