"""An English word with two meanings gets a context, so Polish can say each one right.

"name" is a person's first name and surname ("imię i nazwisko") or an organisation's or a key's
name ("nazwa"); "Open" and "Record" are states and nouns, or buttons (verbs); "Other" and
"Incoming" take the gender of what they describe.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ostoja.accounts.roles import Role
from ostoja.hotline.codes import CallDirection, CallerKind, Direction, Topic
from ostoja.hotline.models import TelephonyToken
from ostoja.identification.codes import HtcdsOrganisation
from ostoja.identification.profile_codes import MeansOfControl, OnlinePlatform, PerpetratorRole
from ostoja.partners.models import Organisation
from ostoja.testing.access import login_verified

pytestmark = pytest.mark.django_db


def test_labels_in_polish_fit_what_they_name():
    with translation.override("pl"):
        assert str(Organisation._meta.get_field("name").verbose_name) == "nazwa"
        assert str(TelephonyToken._meta.get_field("name").verbose_name) == "nazwa"
        # A call (połączenie) is incoming in the neuter, like "Nieodebrane"; a contact in the masculine.
        assert CallDirection.INBOUND.label == "Przychodzące" and CallDirection.MISSED.label == "Nieodebrane"
        assert Direction.INCOMING.label == "Przychodzący"
        for feminine in (
            MeansOfControl.OTHER,
            OnlinePlatform.OTHER,
            PerpetratorRole.OTHER,
            HtcdsOrganisation.OTHER,
        ):
            assert feminine.label == "Inna", feminine
        assert CallerKind.OTHER.label == "Ktoś inny"
        assert Topic.OTHER.label == "Inny"


def test_buttons_say_what_they_do(make_staff, contact_factory_for_senses):
    duty = make_staff("dyzurna", Role.DUTY_WORKER, Role.SUPERVISOR)
    client = login_verified(Client(), duty)
    contact = contact_factory_for_senses(duty)
    page = client.get(reverse("hotline:intervention_open", args=[contact.pk])).content.decode()
    assert '<button type="submit" class="button primary">Otwórz</button>' in page
    cases = client.get(reverse("cases:case_list")).content.decode()
    assert ">Otwarte</option>" in cases and ">Zamknięte</option>" in cases


@pytest.fixture
def contact_factory_for_senses():
    from ostoja.hotline import services
    from ostoja.hotline.models import Contact

    def make(user):
        return services.contact_log(contact=Contact(channel="phone", summary="s"), created_by=user)

    return make
