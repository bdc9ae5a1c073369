"""Logging contacts: defaults, anonymity, linking, new person + case, protocol, double submit, errors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.cases.models import Case
from ostoja.hotline import codes
from ostoja.hotline.models import Contact, Intervention
from ostoja.people.models import Person, SafeContactProtocol

pytestmark = pytest.mark.django_db


def form_data(client, url=None, **overrides):
    """What the form sends when the worker only fills the summary and presses Enter."""
    page = client.get(url or reverse("hotline:contact_new"))
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data[name] = value
        elif hasattr(value, "strftime"):
            data[name] = value.strftime("%Y-%m-%dT%H:%M")  # already local (prepare_value)
        else:
            data[name] = value
    data["summary"] = "Night call: woman held in a flat, no documents"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_opens_with_sensible_defaults_and_focus(en):
    response = en(Role.DUTY_WORKER).get(reverse("hotline:contact_new"))
    html = response.content.decode()
    assert (
        "autofocus"
        in html.split('name="channel"')[0].rsplit("<select", 1)[1] + html.split('name="channel"')[1][:50]
    )
    form = response.context["form"]
    assert form["channel"].value() == codes.Channel.PHONE
    assert form["caller_kind"].value() == codes.CallerKind.ANONYMOUS
    assert form["caller_country"].value() == "PL"


def test_an_anonymous_call_is_logged_with_one_submit(en, cast):
    client = en(Role.DUTY_WORKER)
    response = client.post(reverse("hotline:contact_new"), form_data(client))
    contact = Contact.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "hotline:contact", args=[contact.pk]
    )
    assert contact.is_anonymous and contact.created_by == cast[Role.DUTY_WORKER]
    assert contact.triaged_at is not None and contact.source == codes.Source.STAFF
    assert AuditEvent.objects.filter(action="create", object_type="contact").exists()


def test_a_contact_saved_twice_is_stored_once(en):
    client = en(Role.DUTY_WORKER)
    data = form_data(client)
    first = client.post(reverse("hotline:contact_new"), data)
    second = client.post(reverse("hotline:contact_new"), data)
    assert Contact.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_errors_keep_what_was_typed(en):
    client = en(Role.DUTY_WORKER)
    data = form_data(client, caller_country="Poland", caller_city="Radom", summary="Everything I typed")
    response = client.post(reverse("hotline:contact_new"), data)
    assert response.status_code == 200 and not Contact.objects.exists()
    html = response.content.decode()
    assert "two-letter country code" in html
    assert "Everything I typed" in html and 'value="Radom"' in html


def test_a_future_time_is_refused(en):
    client = en(Role.DUTY_WORKER)
    later = (timezone.localtime() + timezone.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("hotline:contact_new"), form_data(client, received_at=later))
    assert "cannot be logged in the future" in response.content.decode()
    assert not Contact.objects.exists()


def test_an_urgent_contact_opens_an_intervention(en):
    client = en(Role.DUTY_WORKER)
    data = form_data(client, urgency="urgent", needs=["shelter", "police"])
    response = client.post(reverse("hotline:contact_new"), data)
    intervention = Intervention.objects.get()
    assert response["Location"] == reverse("hotline:intervention", args=[intervention.pk])
    assert intervention.needs == ["shelter", "police"] and intervention.handler is None


def test_needs_without_urgency_are_refused(en):
    client = en(Role.DUTY_WORKER)
    response = client.post(reverse("hotline:contact_new"), form_data(client, needs=["food"]))
    assert "mark the contact urgent" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_consultation_abroad_records_the_country_of_stay(en):
    client = en(Role.DUTY_WORKER)
    client.post(reverse("hotline:contact_new"), form_data(client, caller_country="nl", topic="before_return"))
    contact = Contact.objects.get()
    assert contact.caller_country == "NL" and contact.abroad


def test_person_lookup_finds_by_name_in_another_script_and_hides_names_outside_the_team(en, case, cast):
    # The duty worker sees that the person exists and their case, not the name.
    duty = en(Role.DUTY_WORKER).post(reverse("hotline:person_lookup"), {"q": "Олена Коваленко"})
    html = duty.content.decode()
    assert f'value="c{case.pk}"' in html and "Kovalenko" not in html
    team = en(Role.CASE_MANAGER).post(reverse("hotline:person_lookup"), {"q": "Olena Kowalenko"})
    assert "Kovalenko" in team.content.decode()
    assert AuditEvent.objects.filter(action="search", object_type="person").count() == 2


def test_person_lookup_by_phone(en, person_factory):
    person = person_factory(phone="+48601234567")
    response = en(Role.SUPERVISOR).post(reverse("hotline:person_lookup"), {"q": "601 234 567"})
    assert f'value="p{person.pk}"' in response.content.decode()


def test_a_contact_is_linked_to_a_case(en, case):
    client = en(Role.CASE_MANAGER)
    client.post(reverse("hotline:contact_new"), form_data(client, link=f"c{case.pk}", caller_kind="person"))
    contact = Contact.objects.get()
    assert contact.case == case and contact.person == case.person


def test_an_anonymous_contact_cannot_be_linked(en, case):
    client = en(Role.CASE_MANAGER)
    response = client.post(reverse("hotline:contact_new"), form_data(client, link=f"c{case.pk}"))
    assert "anonymous contact cannot be linked" in response.content.decode()


def test_outgoing_contact_shows_the_protocol_and_needs_confirmation(en, case):
    protocol = SafeContactProtocol.objects.get(person=case.person)
    protocol.when = "Only on weekdays after 18:00"
    protocol.save()
    client = en(Role.CASE_MANAGER)
    url = reverse("hotline:contact_new") + f"?case={case.pk}&direction=out"
    page = client.get(url)
    assert "Only on weekdays after 18:00" in page.content.decode()
    data = form_data(client, url, caller_kind="person")
    assert data["direction"] == "out" and data["link"] == f"c{case.pk}"
    refused = client.post(url, data)
    assert "confirm it was followed" in refused.content.decode()
    assert "Only on weekdays after 18:00" in refused.content.decode()
    assert not Contact.objects.exists()
    client.post(url, {**data, "protocol_followed": "on"})
    contact = Contact.objects.get()
    assert contact.direction == "out" and contact.protocol_followed


def test_outgoing_contact_is_refused_to_staff_who_cannot_see_the_protocol(en, case, cast, make_staff):
    other_manager = make_staff("other_manager", Role.CASE_MANAGER)
    from ostoja.testing.access import login_verified

    client = login_verified(en(Role.CASE_MANAGER).__class__(), other_manager)
    client.cookies["ostoja_language"] = "en"
    data = form_data(
        client, caller_kind="person", direction="out", link=f"c{case.pk}", protocol_followed="on"
    )
    response = client.post(reverse("hotline:contact_new"), data)
    assert "team and duty workers may contact them" in response.content.decode()
    assert not Contact.objects.exists()


def test_new_person_and_case_in_the_same_flow_with_the_duplicate_warning(en, case, cast):
    client = en(Role.DUTY_WORKER)
    data = form_data(
        client, caller_kind="person", new_given_name="Olena", new_family_name="Kovalenko", new_case="on",
        new_case_manager=cast[Role.CASE_MANAGER].pk, new_phase="foreigner_in_poland",
    )  # fmt: skip
    warned = client.post(reverse("hotline:contact_new"), data)
    html = warned.content.decode()
    assert "Possible duplicates" in html and f'value="c{case.pk}"' in html
    assert Person.objects.count() == 1 and not Contact.objects.exists()
    # The typed values survive and the second submit registers a new person and case.
    assert warned.context["form"]["new_given_name"].value() == "Olena"
    confirmed = client.post(reverse("hotline:contact_new"), {**data, "confirm_new": "on"})
    assert confirmed.status_code == 302
    contact = Contact.objects.get()
    assert contact.person.given_name == "Olena" and contact.case.person == contact.person
    assert Case.objects.count() == 2


def test_new_person_without_duplicates_goes_straight_through(en):
    client = en(Role.DUTY_WORKER)
    data = form_data(
        client,
        caller_kind="person",
        new_given_name="Thi Lan",
        new_family_name="Nguyen",
        new_phone="+48 512 345 678",
    )
    assert client.post(reverse("hotline:contact_new"), data).status_code == 302
    contact = Contact.objects.get()
    assert contact.person.display_name == "Thi Lan Nguyen" and contact.case is None
    assert contact.person.channels.get().value == "+48512345678"


def test_summary_is_shown_only_to_who_may_read_it(en, case, contact_factory, cast):
    contact = contact_factory(
        case=case, person=case.person, caller_kind="person", created_by=cast[Role.CASE_MANAGER]
    )
    url = reverse("hotline:contact", args=[contact.pk])
    assert "held at a farm" in en(Role.CASE_MANAGER).get(url).content.decode()
    assert "held at a farm" in en(Role.SUPERVISOR).get(url).content.decode()
    assert "held at a farm" not in en(Role.DUTY_WORKER).get(url).content.decode()
    listing = en(Role.DUTY_WORKER).get(reverse("hotline:contacts")).content.decode()
    assert "held at a farm" not in listing and case.number in listing
    assert AuditEvent.objects.filter(action="view", object_type="contact").count() == 3


def test_web_reports_wait_in_triage_with_their_language(en):
    from ostoja.hotline.services import contact_from_web_report

    report = contact_from_web_report(language="uk", text="Допоможіть, будь ласка", reporter_kind="person")
    client = en(Role.DUTY_WORKER)
    html = client.get(reverse("hotline:triage")).content.decode()
    assert "Допоможіть" in html and "Ukrainian" in html and "web report" in html
    response = client.post(
        reverse("hotline:contact", args=[report.pk]),
        {
            "caller_kind": "person",
            "caller_country": "PL",
            "topic": "forced_labour",
            "urgency": "soon",
            "version": 1,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.triaged_at is not None and report.topic == "forced_labour" and report.language == "uk"
    assert "Допоможіть" not in client.get(reverse("hotline:triage")).content.decode()


def test_an_urgent_web_report_goes_on_to_an_intervention(en):
    from ostoja.hotline.services import contact_from_web_report

    report = contact_from_web_report(language="en", text="They took our passports, we are locked in")
    client = en(Role.DUTY_WORKER)
    response = client.post(
        reverse("hotline:contact", args=[report.pk]),
        {
            "caller_kind": "anonymous",
            "caller_country": "PL",
            "topic": "safety",
            "urgency": "urgent",
            "version": 1,
        },
    )
    assert response["Location"] == reverse("hotline:intervention_open", args=[report.pk])
    opened = client.post(response["Location"], {"needs": ["safety", "police"]})
    assert opened.status_code == 302 and Intervention.objects.get().contact == report
