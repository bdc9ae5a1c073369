import datetime as dt

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.cases.models import Case


def at_noon(day: dt.date) -> dt.datetime:
    """Noon of ``day`` in the centre's time zone: a frozen clock that is the same day in UTC too."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def closed_case(case_factory):
    def make(closed_on: dt.date, kind: str = "support", **fields):
        case = case_factory(kind=kind, **fields)
        Case.objects.filter(pk=case.pk).update(
            status="closed", closed_on=closed_on, closure_reason="goals_met"
        )
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def contact_at(cast):
    from ostoja.hotline import services
    from ostoja.hotline.models import Contact

    def make(received_at: dt.datetime, source: str = "", **fields):
        fields.setdefault("channel", "phone")
        fields.setdefault("summary", "A caller who did not give a name")
        contact = Contact(received_at=received_at, **fields)
        contact = services.contact_log(contact=contact, created_by=cast[Role.DUTY_WORKER])
        if source:  # as if it had come from the public site
            Contact.objects.filter(pk=contact.pk).update(source=source)
            contact.source = source
        return contact

    return make
