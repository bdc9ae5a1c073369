"""Citizenships and journey countries are stored as codes and read as names in the reader's language."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_person_page_names_citizenships_in_polish(case_factory, person_factory, client_for):
    person = person_factory(citizenships=["UA", "MD"])
    case_factory(person=person)
    html = (
        client_for(Role.CASE_MANAGER).get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    )
    assert "Ukraina, Mołdawia" in html
    assert "UA, MD" not in html
