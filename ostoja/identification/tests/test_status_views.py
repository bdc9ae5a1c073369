"""Status pages, the supervisors' confirmation page and dashboard card, the case-page section."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import IdStatus, Review
from ostoja.identification.models import IdentificationStatusChange

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["ostoja_language"] = "en"
    return client


def test_request_then_supervisor_confirms(client_for, case, screening_factory):
    manager = english(client_for(Role.CASE_MANAGER))
    screening = screening_factory(case)
    url = reverse("identification:status_change", args=[case.pk])
    page = manager.get(f"{url}?screening={screening.pk}")
    assert page.context["form"].initial["screening"] == screening.pk

    refused = manager.post(url, {"status": "preliminary", "grounds": ""})
    assert refused.status_code == 400
    assert "Write the grounds for this decision." in refused.content.decode()
    assert not IdentificationStatusChange.objects.exists()

    response = manager.post(
        url, {"status": "preliminary", "grounds": "Strong indicators.", "screening": screening.pk}
    )
    assert response.status_code == 302
    change = IdentificationStatusChange.objects.get()
    assert change.review == Review.PENDING and change.screening == screening

    busy = manager.post(url, {"status": "not_confirmed", "grounds": "x"})
    assert busy.status_code == 400 and "waiting for a supervisor" in busy.content.decode()

    supervisor = english(client_for(Role.SUPERVISOR))
    dashboard = supervisor.get("/").content.decode()
    assert "Identification decisions to confirm" in dashboard and case.number in dashboard
    listing = supervisor.get(reverse("identification:confirmations")).content.decode()
    assert "Strong indicators." in listing

    empty_reject = supervisor.post(
        reverse("identification:status_review", args=[change.pk]), {f"c{change.pk}-decision": "reject"}
    )
    assert (
        empty_reject.status_code == 400 and "Say why the change is rejected." in empty_reject.content.decode()
    )

    done = supervisor.post(
        reverse("identification:status_review", args=[change.pk]), {f"c{change.pk}-decision": "confirm"}
    )
    assert done.status_code == 302
    assert services.current_status(case).status == IdStatus.PRELIMINARY

    case_page = manager.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Preliminary identification by the centre" in case_page
    assert "Identification status confirmed" in case_page  # on the timeline


def test_identified_needs_its_fields_and_keeps_the_input(client_for, case, cast):
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.SUSPECTED), actor=cast[Role.CASE_MANAGER]
    )
    manager = english(client_for(Role.CASE_MANAGER))
    url = reverse("identification:status_change", args=[case.pk])
    response = manager.post(url, {"status": "identified", "authority": "police", "reference": "RSD-5/26"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the date of the authority&#x27;s decision." in body
    assert 'value="RSD-5/26"' in body
    ok = manager.post(
        url,
        {"status": "identified", "authority": "police", "reference": "RSD-5/26", "decided_on": "2026-02-03"},
    )
    assert ok.status_code == 302
    overview = manager.get(reverse("identification:case_overview", args=[case.pk])).content.decode()
    assert "Actual victim of trafficking" in overview and "RSD-5/26" in overview


def test_supervisor_sees_no_form_for_own_request(client_for, case, cast):
    supervisor = english(client_for(Role.SUPERVISOR))
    services.status_request(
        change=IdentificationStatusChange(case=case, status=IdStatus.PRELIMINARY, grounds="g"),
        actor=cast[Role.SUPERVISOR],
    )
    change = IdentificationStatusChange.objects.get()
    response = supervisor.post(
        reverse("identification:status_review", args=[change.pk]), {f"c{change.pk}-decision": "confirm"}
    )
    assert response.status_code == 400
    assert "Another supervisor must review" in response.content.decode()
    change.refresh_from_db()
    assert change.review == Review.PENDING
