"""Services delivered: from the catalogue, with a date and who gave it; specialists record their own."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.plans import services as plans
from ostoja.plans.models import Goal
from ostoja.services import services
from ostoja.services.catalogue import CATALOGUE, install
from ostoja.services.models import Delivery, Service
from ostoja.testing.access import ASSIGNED

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    install(Service)
    return {s.code: s for s in Service.objects.all()}


def _data(client, case, **changes):
    token = client.get(reverse("services:delivery_new", args=[case.pk])).context["form"]["token"].value()
    data = {"token": token, "delivered_on": timezone.localdate().isoformat(), "minutes": "60", "cost": "0"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_catalogue_holds_the_centres_services_in_polish_and_english(catalogue):
    assert len(catalogue) == len(CATALOGUE)
    legal = catalogue["legal_residence"]
    assert (legal.name_pl, legal.name_en) == (
        "Konsultacja prawna: prawo pobytowe",
        "Legal consultation: residence law",
    )
    assert install(Service) == 0  # installing again adds nothing


def test_a_delivery_is_recorded_for_a_plan_goal(case, cast, client_for, catalogue):
    plan = plans.plan_start(case=case, actor=cast[Role.CASE_MANAGER])
    goal = Goal.objects.create(plan=plan, domain="legal", goal="Status pobytowy")
    client = client_for(Role.CASE_MANAGER)
    data = _data(
        client, case, service=catalogue["legal_residence"].pk, delivered_by=cast[Role.CASE_MANAGER].pk,
        outcome="Wniosek o pobyt złożony.", goal=goal.pk, cost="150.00",
    )  # fmt: skip
    assert client.post(reverse("services:delivery_new", args=[case.pk]), data).status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.service, delivery.goal, delivery.minutes, str(delivery.cost)) == (
        catalogue["legal_residence"],
        goal,
        60,
        "150.00",
    )
    assert delivery.outcome == "Wniosek o pobyt złożony." and delivery.recorded_by == cast[Role.CASE_MANAGER]
    page = client.get(reverse("services:deliveries", args=[case.pk])).content.decode()
    assert "Legal consultation: residence law" in page or "Konsultacja prawna: prawo pobytowe" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"delivered_on": ""}, "delivered_on"),
        ({"service": "999999"}, "service"),
        ({"delivered_by": "", "provider": ""}, "delivered_by"),
        ({"cost": "-5"}, "cost"),
        ({"delivered_on": "in two days"}, "delivered_on"),  # made in the test: ids are fixed at collection
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(case, cast, client_for, catalogue, changes, field):
    client = client_for(Role.CASE_MANAGER)
    data = _data(
        client, case, service=catalogue["transport"].pk, delivered_by=cast[Role.CASE_MANAGER].pk,
        outcome="Dojazd do prokuratury.",
    )  # fmt: skip
    data.update(changes)
    if data["delivered_on"] == "in two days":
        data["delivered_on"] = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(reverse("services:delivery_new", args=[case.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["form"]["outcome"].value() == "Dojazd do prokuratury."
    assert not Delivery.objects.exists()


def test_an_outside_provider_by_name(case, client_for, catalogue):
    client = client_for(Role.CASE_MANAGER)
    data = _data(client, case, service=catalogue["medical_help"].pk, provider="Przychodnia Praga-Północ")
    assert client.post(reverse("services:delivery_new", args=[case.pk]), data).status_code == 302
    assert Delivery.objects.get().provider == "Przychodnia Praga-Północ"


def test_a_specialist_records_only_their_own_work(case, cast, client_for, catalogue):
    client = client_for(ASSIGNED)
    form = client.get(reverse("services:delivery_new", args=[case.pk])).context["form"]
    assert "provider" not in form.fields
    assert list(form.fields["delivered_by"].queryset) == [cast[ASSIGNED]]
    data = _data(
        client, case, service=catalogue["psychological_help"].pk, delivered_by=cast[Role.CASE_MANAGER].pk
    )
    response = client.post(reverse("services:delivery_new", args=[case.pk]), data)
    assert response.status_code == 400 and "delivered_by" in response.context["form"].errors
    data["delivered_by"] = cast[ASSIGNED].pk
    assert client.post(reverse("services:delivery_new", args=[case.pk]), data).status_code == 302
    assert Delivery.objects.get().delivered_by == cast[ASSIGNED]
    # Nor through the service, whatever calls it.
    with pytest.raises(PermissionDenied):
        services.delivery_record(
            delivery=Delivery(case=case, service=catalogue["transport"], delivered_on=timezone.localdate(),
                              delivered_by=cast[Role.CASE_MANAGER]),
            actor=cast[ASSIGNED],
        )  # fmt: skip


def test_a_goal_of_another_case_is_refused(case, case_factory, cast, catalogue):
    other = case_factory()
    goal = Goal.objects.create(
        plan=plans.plan_start(case=other, actor=cast[Role.CASE_MANAGER]), domain="legal", goal="x"
    )
    with pytest.raises(PermissionDenied):
        services.delivery_record(
            delivery=Delivery(case=case, service=catalogue["transport"], delivered_on=timezone.localdate(),
                              delivered_by=cast[Role.CASE_MANAGER], goal=goal),
            actor=cast[Role.CASE_MANAGER],
        )  # fmt: skip


def test_the_administrator_extends_the_catalogue(client_for, catalogue):
    client = client_for(Role.ADMINISTRATOR)
    data = {"code": "vocational_training", "name_pl": "Szkolenie zawodowe", "name_en": "Vocational training",
            "active": "on", "position": "500", "version": "0"}  # fmt: skip
    assert client.post(reverse("services:service_new"), data).status_code == 302
    service = Service.objects.get(code="vocational_training")
    data.update(name_en="Vocational course", version=str(service.version))
    assert client.post(reverse("services:service_edit", args=[service.pk]), data).status_code == 302
    stale = {**data, "name_en": "Late change"}
    response = client.post(reverse("services:service_edit", args=[service.pk]), stale)
    assert response.status_code == 400 and response.context["conflict"]
    assert Service.objects.get(pk=service.pk).name_en == "Vocational course"
