import pytest

from ostoja.accounts.roles import Role


@pytest.fixture
def en(client_for):
    """A verified client for ``role`` that reads pages in English."""

    def make(role):
        client = client_for(role)
        client.cookies["ostoja_language"] = "en"
        return client

    return make


@pytest.fixture
def contact_factory(cast):
    from ostoja.hotline import services
    from ostoja.hotline.models import Contact

    def make(created_by=None, **fields):
        fields.setdefault("channel", "phone")
        fields.setdefault("summary", "Caller describes being held at a farm")
        contact = Contact(**fields)
        return services.contact_log(contact=contact, created_by=created_by or cast[Role.DUTY_WORKER])

    return make


@pytest.fixture
def intervention_factory(contact_factory, cast):
    from ostoja.hotline import services

    def make(handler=None, needs=("shelter",), **fields):
        contact = contact_factory(urgency="urgent", **fields)
        return services.intervention_open(
            contact=contact, needs=list(needs), opened_by=cast[Role.DUTY_WORKER], handler=handler
        )

    return make


@pytest.fixture
def meeting_factory(cast):
    from datetime import timedelta

    from django.utils import timezone

    from ostoja.hotline import meetings
    from ostoja.hotline.models import Meeting

    def make(for_case, *, when=None, by=None, **fields):
        fields.setdefault("place_kind", "office")
        fields.setdefault("purpose", "Plan the return of documents")
        meeting = Meeting(case=for_case, starts_at=when or timezone.now() + timedelta(days=2), **fields)
        return meetings.meeting_schedule(meeting=meeting, staff=[], created_by=by or for_case.case_manager)

    return make


@pytest.fixture(autouse=True)
def _english_messages():
    # Service-level messages are checked in English; requests still use the staff language.
    from django.utils import translation

    with translation.override("en"):
        yield
