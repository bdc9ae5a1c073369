"""Done-when of the shelter part, in a browser: the case manager places a person in a shelter, reveals
the address with a reason and sees it on that page only; a specialist on the team sees the stay with the
address hidden and no way to reveal it."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Discipline, Role
from ostoja.audit.models import AuditEvent
from ostoja.services.tests.test_browser_support import sign_in
from ostoja.shelter import services
from ostoja.shelter.models import Place, Placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "ul. Ukryta 5, 05-077 Wesoła"


def test_place_a_person_reveal_as_case_manager_hidden_for_the_specialist(
    page, live_server, make_staff, case_factory, person_factory
):
    manager = make_staff("opiekun", Role.CASE_MANAGER, first_name="Tomasz", language="en")
    specialist = make_staff(
        "psycholog", Role.SPECIALIST, first_name="Karolina", language="en", discipline=Discipline.PSYCHOLOGY
    )
    place = Place(name="Shelter North", kind="shelter", capacity=6)
    services.place_save(place=place, placers=[], address=ADDRESS, expected_version=0)
    person = person_factory(registered_by=manager)
    case = case_factory(person=person, manager=manager, members=[specialist])

    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}{reverse('cases:case_detail', args=[case.pk])}")
    page.get_by_role("link", name="Place the person").click()
    page.locator("#id_place").select_option(label="Shelter North (Shelter, 6)")
    page.get_by_label("Short-term stay").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The stay is recorded.").wait_for()
    assert Placement.objects.filter(case=case, place=place).exists()
    assert "Ukryta" not in page.content()

    page.goto(f"{live_server.url}{reverse('cases:case_detail', args=[case.pk])}")
    section = page.locator("section", has=page.get_by_role("heading", name="Safe accommodation"))
    assert "Shelter North" in section.inner_text()
    assert "Ukryta" not in page.content()
    section.get_by_label("Why you need the address now").fill("Driving her there tonight.")
    section.get_by_role("button", name="Show address").click()
    page.locator("#revealed-address").wait_for()
    assert "ul. Ukryta 5" in page.locator("#revealed-address").inner_text()
    assert AuditEvent.objects.filter(action="reveal", reason="Driving her there tonight.").exists()
    # Back on the case, the address is hidden again.
    page.goto(f"{live_server.url}{reverse('cases:case_detail', args=[case.pk])}")
    assert "Ukryta" not in page.content()

    sign_in(page, live_server, specialist)
    page.goto(f"{live_server.url}{reverse('cases:case_detail', args=[case.pk])}")
    section = page.locator("section", has=page.get_by_role("heading", name="Safe accommodation"))
    assert "Shelter North" in section.inner_text()
    assert "The address is hidden" in section.inner_text()
    assert section.get_by_role("button", name="Show address").count() == 0
    assert "Ukryta" not in page.content()
    # Asking by the address of the reveal is refused.
    response = page.request.get(
        f"{live_server.url}{reverse('shelter:reveal', args=[Placement.objects.get().pk])}"
    )
    assert response.status == 403
    assert "Ukryta" not in response.text()
