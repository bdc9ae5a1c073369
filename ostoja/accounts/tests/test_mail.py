"""Staff e-mail is composed in one place: one message per person, in their language."""

import pytest
from django.core import mail
from django.utils.translation import gettext_noop

from ostoja.accounts.mail import reachable, send_to_staff, site_url
from ostoja.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_the_message_in_their_own_language(make_staff, settings):
    settings.OSTOJA_SITE_URL = "https://ostoja.example.org/"
    polish = make_staff("anna", Role.SUPERVISOR, language="pl")
    english = make_staff("ben", Role.SUPERVISOR, language="en")
    make_staff("no_mail", Role.SUPERVISOR, email="")
    make_staff("gone", Role.SUPERVISOR, is_active=False)
    make_staff("duty", Role.DUTY_WORKER)
    recipients = reachable(Role.SUPERVISOR)
    assert list(recipients) == [polish, english]
    sent = send_to_staff(
        recipients, once="escalation:7", subject=gettext_noop("Urgent intervention #%(id)s has not been taken"), subject_params={"id": 7},
        template="hotline/email/escalation.txt",
        context={"intervention": None, "minutes": 20, "link": site_url("/hotline/interventions/7/")},
    )  # fmt: skip
    assert sent == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[english.email].subject == "Urgent intervention #7 has not been taken"
    assert by_address[polish.email].subject != by_address[english.email].subject
    assert "https://ostoja.example.org/hotline/interventions/7/" in by_address[polish.email].body
