"""The consent gate, data minimisation in the letter, the status flow, reminders and the service hook."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.consent import services as consent_services
from ostoja.referrals import letters, services
from ostoja.referrals.models import Referral, Status
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db


def _draft(
    case, partner, actor, *, items=("name",), purpose="labour_rights", language="de", override="", **extra
):
    referral = Referral(
        case=case, partner=partner, purpose=purpose, items=list(items), letter_language=language, **extra
    )
    return services.referral_draft(referral=referral, actor=actor, override_reason=override)


# The consent gate


def test_a_referral_without_consent_is_refused(case, cast, berlin):
    with pytest.raises(ValidationError) as refused:
        _draft(case, berlin, cast[Role.CASE_MANAGER])
    assert "items" in refused.value.message_dict
    assert not Referral.objects.exists()


def test_items_beyond_the_consent_are_refused(case, cast, berlin, consent_factory):
    consent_factory(case, berlin, items=["name"])
    with pytest.raises(ValidationError):
        _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name", "date_of_birth"])
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name"])
    assert referral.consent is not None and referral.status == Status.DRAFTED


def test_consent_for_another_partner_or_purpose_does_not_count(case, cast, berlin, consent_factory):
    from ostoja.partners.models import Organisation

    dortmund = Organisation.objects.get(name="Faire Mobilität", city="Dortmund")
    consent_factory(case, dortmund, items=["name"])
    consent_factory(case, berlin, items=["name"], purpose="legal")
    with pytest.raises(ValidationError):
        _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name"])


def test_a_withdrawn_consent_does_not_count(case, cast, berlin, consent_factory):
    consent = consent_factory(case, berlin)
    consent_services.consent_withdraw(
        consent=consent, actor=cast[Role.CASE_MANAGER], note="Said so on the phone."
    )
    with pytest.raises(ValidationError):
        _draft(case, berlin, cast[Role.CASE_MANAGER])


def test_an_inactive_partner_and_a_language_without_template_are_refused(case, cast, berlin, consent_factory):
    consent_factory(case, berlin)
    with pytest.raises(ValidationError) as refused:
        _draft(case, berlin, cast[Role.CASE_MANAGER], language="ro")
    assert "letter_language" in refused.value.message_dict
    berlin.active = False
    berlin.save()
    with pytest.raises(ValidationError) as refused:
        _draft(case, berlin, cast[Role.CASE_MANAGER])
    assert "partner" in refused.value.message_dict


def test_only_a_supervisor_may_override_and_the_reason_is_audited(case, cast, berlin):
    with pytest.raises(ValidationError) as refused:
        _draft(case, berlin, cast[Role.CASE_MANAGER], override="Life in danger")
    assert "override_reason" in refused.value.message_dict
    referral = _draft(
        case, berlin, cast[Role.SUPERVISOR], override="Life in danger: the employer threatens her."
    )
    assert referral.consent is None and referral.overridden_by == cast[Role.SUPERVISOR]
    row = AuditEvent.objects.filter(object_type="referral", action="create").latest("pk")
    assert row.reason == "Life in danger: the employer threatens her."
    assert row.details["consent_override"] is True


def test_the_form_refuses_without_consent_and_keeps_what_was_typed(case, cast, berlin):
    import re

    from django.test import Client

    client = login_verified(Client(), cast[Role.CASE_MANAGER])
    url = reverse("referrals:referral_new", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'name="items"' in page and " checked" not in page  # the form starts from nothing shared
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = client.post(url, {
        "partner": berlin.pk, "purpose": "labour_rights", "items": ["name"], "situation": "For the partner",
        "letter_language": "de", "token": token,
    })  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Żadna obowiązująca zgoda nie obejmuje" in page
    assert "For the partner" in page  # nothing typed is lost
    assert 'name="override_reason"' not in response.content.decode()  # only supervisors see the override
    assert not Referral.objects.exists()


# Data minimisation in the letter


def _pdf_text(pdf: bytes) -> str:
    import pikepdf

    text = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked  # tagged
        assert str(document.Root.Lang)
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("Tj", "TJ"):
                    text.append(repr(operands))
    return "".join(text)


def test_the_letter_holds_only_the_shared_items(case_factory, person_factory, cast, berlin, consent_factory):
    person = person_factory(
        phone="+48 600 100 200", date_of_birth=datetime.date(1990, 5, 17), citizenships=["UA"]
    )
    case = case_factory(person=person)
    consent_factory(case, berlin, items=["name", "phone", "date_of_birth"])
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name"], language="de")
    html = letters.letter_html(referral)
    assert "Olena" in html and "Kovalenko" in html
    assert "600 100 200" not in html and "1990" not in html and "Ukraine" not in html
    assert 'lang="de"' in html and "Überweisung" in html
    referral.items = ["name", "phone"]
    html = letters.letter_html(referral)
    assert "600 100 200" in html and "1990" not in html


@pytest.mark.parametrize(
    "language,word", [("pl", "Skierowanie"), ("en", "Referral"), ("de", "Überweisung"), ("nl", "Verwijzing")]
)
def test_the_letter_is_a_tagged_pdf_in_the_partners_language(
    case, cast, berlin, consent_factory, language, word
):
    consent_factory(case, berlin, items=["name"])
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name"], language=language)
    assert word in letters.letter_html(referral)
    pdf = letters.letter_pdf(referral)
    assert pdf.startswith(b"%PDF")
    _pdf_text(pdf)


def test_no_item_is_an_address():
    from ostoja.consent.codes import ShareItem

    assert not [code for code in ShareItem.values if "address" in code or "shelter" in code]


def test_downloading_the_letter_is_audited_and_needs_change(case, cast, berlin, consent_factory):
    from django.test import Client

    from ostoja.testing.access import BREAK_GLASS

    consent_factory(case, berlin, items=["name"])
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER], items=["name"])
    url = reverse("referrals:referral_letter", args=[referral.pk])
    response = login_verified(Client(), cast[Role.CASE_MANAGER]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(object_type="referral", action="download").exists()
    assert login_verified(Client(), cast[BREAK_GLASS]).get(url).status_code == 403


# The status flow, reminders, withdrawal and the support-plan hook


def test_the_status_flow_with_dates(case, cast, berlin, consent_factory, tomorrow):
    consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    actor = cast[Role.CASE_MANAGER]
    with pytest.raises(ValidationError):
        services.referral_advance(
            referral=referral, to=Status.COMPLETED, actor=actor, expected_version=referral.version
        )
    services.referral_advance(
        referral=referral, to=Status.SENT, actor=actor, expected_version=1, follow_up_on=tomorrow
    )
    assert referral.sent_at is not None and referral.follow_up_on == tomorrow
    services.referral_advance(referral=referral, to=Status.ACCEPTED, actor=actor, expected_version=2)
    assert referral.answered_at is not None
    services.referral_advance(
        referral=referral, to=Status.COMPLETED, actor=actor, expected_version=3, feedback="Wages recovered."
    )
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED and referral.completed_at and referral.follow_up_on is None
    assert referral.feedback == "Wages recovered."
    assert referral.next_statuses() == ()


def test_a_stale_version_is_refused(case, cast, berlin, consent_factory):
    from ostoja import versions

    consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    services.referral_advance(
        referral=referral, to=Status.SENT, actor=cast[Role.CASE_MANAGER], expected_version=1
    )
    with pytest.raises(versions.StaleVersion):
        services.referral_advance(
            referral=Referral.objects.get(),
            to=Status.ACCEPTED,
            actor=cast[Role.CASE_MANAGER],
            expected_version=1,
        )


def test_follow_up_reminders_go_once_per_day_set(case, cast, berlin, consent_factory, tomorrow):
    consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    services.referral_advance(
        referral=referral,
        to=Status.SENT,
        actor=cast[Role.CASE_MANAGER],
        expected_version=1,
        follow_up_on=tomorrow,
    )
    mail.outbox.clear()
    assert services.send_follow_up_reminders() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert services.send_follow_up_reminders() == 1
        assert services.send_follow_up_reminders() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cast[Role.CASE_MANAGER].email]
    assert case.number in mail.outbox[0].subject
    assert "referral_follow_up" in [job.name for job in plugins.housekeeping()]


def test_withdrawing_consent_stops_a_draft_and_tells_the_case_manager(case, cast, berlin, consent_factory):
    consent = consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    mail.outbox.clear()
    stopped = consent_services.consent_withdraw(
        consent=consent, actor=cast[Role.SUPERVISOR], note="By phone."
    )
    referral.refresh_from_db()
    assert referral.status == Status.STOPPED and referral.stopped_at is not None
    assert len(stopped) == 1
    assert [m.to for m in mail.outbox] == [[cast[Role.CASE_MANAGER].email]]
    assert "Faire Mobilität" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.referral_advance(
            referral=referral, to=Status.SENT, actor=cast[Role.SUPERVISOR], expected_version=1
        )
    assert consent_services.consent_withdraw(consent=consent, actor=cast[Role.SUPERVISOR], note="Again") == []


def test_completing_a_linked_referral_marks_the_service_delivered(
    case, cast, berlin, consent_factory, monkeypatch
):
    delivered = []
    hook = plugins.SupportServices(
        choices=lambda c: [(7, "Labour-rights advice")] if c.pk == case.pk else [],
        delivered=lambda service_id, referral, actor: delivered.append((service_id, referral.pk, actor.pk)),
    )
    monkeypatch.setattr(plugins, "support_services", lambda: hook)
    consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    with pytest.raises(ValidationError):
        services.link_service(referral=referral, service_id=8)
    services.link_service(referral=referral, service_id=7)
    actor = cast[Role.CASE_MANAGER]
    for version, to in enumerate((Status.SENT, Status.ACCEPTED), start=1):
        services.referral_advance(referral=referral, to=to, actor=actor, expected_version=version)
    assert delivered == []
    services.referral_advance(referral=referral, to=Status.COMPLETED, actor=actor, expected_version=3)
    assert delivered == [(7, referral.pk, actor.pk)]


def test_the_case_managers_dashboard_lists_referrals_due_for_follow_up(
    case, cast, berlin, consent_factory, tomorrow
):
    from django.test import Client

    consent_factory(case, berlin)
    referral = _draft(case, berlin, cast[Role.CASE_MANAGER])
    services.referral_advance(
        referral=referral,
        to=Status.SENT,
        actor=cast[Role.CASE_MANAGER],
        expected_version=1,
        follow_up_on=tomorrow,
    )
    client = login_verified(Client(), cast[Role.CASE_MANAGER])
    assert "Faire Mobilität — Berlin" not in client.get(reverse("web:dashboard")).content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        client = login_verified(Client(), cast[Role.CASE_MANAGER])  # the session ended meanwhile
        page = client.get(reverse("web:dashboard")).content.decode()
    assert f"{case.number} → Faire Mobilität — Berlin" in page
    assert AuditEvent.objects.filter(object_type="referral", action="list", details__dashboard=True).exists()
