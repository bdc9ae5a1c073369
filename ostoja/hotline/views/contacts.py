"""Contact pages: the hotline page, logging a contact, person lookup, contact list, triage queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.cases import services as case_services
from ostoja.cases.access import Level, fully_visible_person_ids, person_level
from ostoja.cases.codes import CaseKind
from ostoja.cases.models import Case
from ostoja.hotline import codes, services
from ostoja.hotline.access import HOTLINE_ROLES, full_contact_ids, get_contact_for, related_refs
from ostoja.hotline.forms import ContactForm, PersonLookupForm, TriageForm
from ostoja.hotline.models import CallEvent, Contact, Intervention
from ostoja.people import search
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, Person, SafeContactProtocol
from ostoja.web import once

PAGE_SIZE = 25


@role_required(*HOTLINE_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    """The duty worker's page: calls waiting to be logged, the triage queue, open interventions."""
    calls = list(
        CallEvent.objects.filter(status=codes.CallStatus.PENDING)
        .select_related("person")
        .order_by("-occurred_at")[:20]
    )
    if calls:
        audit.record(
            request=request, action="list", object_type="call_event", object_ids=[c.pk for c in calls],
            related=[("person", c.person_id) for c in calls if c.person_id],
        )  # fmt: skip
    mine = list(
        Intervention.objects.live()
        .filter(handler=request.user)
        .select_related("contact")
        .order_by("opened_at")[:20]
    )
    context = {
        "calls": calls,
        "untriaged": Contact.objects.untriaged().count(),
        "unassigned": Intervention.objects.unassigned().count(),
        "mine": mine,
    }
    return render(request, "hotline/home.html", context)


def _initial(request: HttpRequest) -> tuple[dict, CallEvent | None]:
    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {
        "token": once.new_token(), "received_at": now, "channel": codes.Channel.PHONE,
        "direction": codes.Direction.INCOMING, "caller_kind": codes.CallerKind.ANONYMOUS, "language": "pl",
        "caller_country": "PL", "urgency": codes.Urgency.ROUTINE, "topic": codes.Topic.OTHER,
    }  # fmt: skip
    call = None
    call_id = request.GET.get("call", "")
    if call_id.isdigit():
        call = CallEvent.objects.filter(pk=int(call_id), status=codes.CallStatus.PENDING).first()
    if call is not None:
        initial.update(
            call_event=call.pk, received_at=timezone.localtime(call.occurred_at).replace(second=0, microsecond=0),
            direction=codes.Direction.OUTGOING if call.direction == codes.CallDirection.OUTBOUND
            else codes.Direction.INCOMING,
        )  # fmt: skip
        if call.person_id:
            initial.update(link=f"p{call.person_id}", caller_kind=codes.CallerKind.PERSON)
    case_id = request.GET.get("case", "")
    if case_id.isdigit():
        initial.update(link=f"c{int(case_id)}", caller_kind=codes.CallerKind.PERSON)
    if request.GET.get("direction") == codes.Direction.OUTGOING:
        initial["direction"] = codes.Direction.OUTGOING
    return initial, call


def _link_label(request: HttpRequest, person: Person | None, case: Case | None) -> dict | None:
    """What the form says about the linked person: the name only to whoever may see it in full."""
    if person is None:
        return None
    full = person.pk in fully_visible_person_ids(request.user, [person.pk])
    return {"person": person, "case": case, "full": full}


def _protocol_for(
    request: HttpRequest, form: ContactForm, direction: str
) -> tuple[SafeContactProtocol | None, bool]:
    """The protocol to show before an outgoing contact, and whether the user may contact the person."""
    person = form.link_person
    if person is None or direction != codes.Direction.OUTGOING:
        return None, True
    if person_level(request.user, person) < Level.DUTY_CARD:
        return None, False
    audit.record(
        request=request, action="view", object_type="person", object_ids=[person.pk],
        details={"protocol": True, "form": "hotline_contact"},
    )  # fmt: skip
    protocol = SafeContactProtocol.objects.select_related("channel").filter(person=person).first()
    return protocol, True


def _duplicates(request: HttpRequest, person: Person, phone: str) -> list[dict]:
    candidates = people_services.possible_duplicates(
        names=person.name_variants(), phones=[phone] if phone else []
    )
    if not candidates:
        return []
    ids = [c.person_id for c in candidates]
    persons = Person.objects.in_bulk(ids)
    visible = fully_visible_person_ids(request.user, ids)
    by_person: dict[int, list[Case]] = {}
    for case in Case.objects.filter(person_id__in=ids).select_related("case_manager"):
        by_person.setdefault(case.person_id, []).append(case)
    audit.record(
        request=request,
        action="search",
        object_type="person",
        object_ids=ids,
        details={"duplicate_check": True},
    )
    return [
        {"person": persons[c.person_id], "reasons": sorted(c.reasons), "full": c.person_id in visible,
         "cases": by_person.get(c.person_id, [])}
        for c in candidates if c.person_id in persons
    ]  # fmt: skip


def _register_new(request: HttpRequest, form: ContactForm) -> tuple[Person, Case | None]:
    data = form.cleaned_data
    person = form.new_person(request.user)
    channels = (
        [ContactChannel(kind=ChannelKind.PHONE, value=data["new_phone"], safety=Safety.UNKNOWN)]
        if data["new_phone"]
        else []
    )
    people_services.person_register(person=person, channels=channels)
    audit.record(request=request, action="create", object_type="person", object_ids=[person.pk])
    case = None
    if data["new_case"]:
        case = case_services.case_open(
            case=Case(
                person=person,
                case_manager=data["new_case_manager"],
                phase=data["new_phase"],
                kind=CaseKind.SUPPORT,
            )
        )
        audit.record(
            request=request,
            action="create",
            object_type="case",
            object_ids=[case.pk],
            related=[("person", person.pk)],
        )
    return person, case


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    initial, call = _initial(request)
    form = ContactForm(request.POST or None, initial=initial)
    duplicates = None
    protocol = None
    if request.method == "POST":
        valid = form.is_valid()
        direction = form.cleaned_data.get("direction") if valid else request.POST.get("direction")
        if "link" in form.cleaned_data:
            protocol, allowed = _protocol_for(request, form, direction)
            if not allowed:
                form.add_error("link", _("Only the person's team and duty workers may contact them."))
            elif protocol is not None and not form.cleaned_data.get("protocol_followed"):
                form.add_error(
                    "protocol_followed",
                    _(
                        "Read the safe-contact protocol below and confirm it was followed before this contact."
                    ),
                )
        if form.is_valid():
            response, duplicates = _save_contact(request, form)
            if response is not None:
                return response
    elif form.initial.get("link"):
        form.link_person, form.link_case = _resolve_initial_link(form.initial["link"])
        protocol, _allowed = _protocol_for(request, form, form.initial["direction"])
    context = {
        "form": form,
        "lookup": PersonLookupForm(),
        "duplicates": duplicates,
        "protocol": protocol,
        "linked": _link_label(request, form.link_person, form.link_case),
        "call": call,
    }
    if form.link_person is not None:
        audit.record(
            request=request, action="view", object_type="person", object_ids=[form.link_person.pk],
            details={"form": "hotline_contact", "full": context["linked"]["full"]},
        )  # fmt: skip
    return render(request, "hotline/contact_form.html", context)


def _resolve_initial_link(link: str) -> tuple[Person | None, Case | None]:
    probe = ContactForm(data={"link": link})
    probe.cleaned_data = {"link": link}
    try:
        probe.clean_link()
    except ValidationError:
        return None, None
    return probe.link_person, probe.link_case


def _save_contact(request: HttpRequest, form: ContactForm) -> tuple[HttpResponse | None, list | None]:
    data = form.cleaned_data
    done = once.already_submitted(data["token"])
    if done:
        return redirect(done), None
    contact = form.save(commit=False)
    contact.person, contact.case = form.link_person, form.link_case
    if form.wants_new_person:
        if not data["confirm_new"]:
            duplicates = _duplicates(request, form.new_person(request.user), data["new_phone"])
            if duplicates:
                form.data = form.data.copy()
                form.data["confirm_new"] = "on"
                return None, duplicates
        contact.person, contact.case = _register_new(request, form)
    call = None
    if data.get("call_event"):
        call = (
            CallEvent.objects.select_for_update()
            .filter(pk=data["call_event"], status=codes.CallStatus.PENDING)
            .first()
        )
    try:
        with transaction.atomic():
            services.contact_log(contact=contact, created_by=request.user, call_event=call)
            intervention = None
            if contact.urgency == codes.Urgency.URGENT:
                intervention = services.intervention_open(
                    contact=contact, needs=data["needs"], opened_by=request.user,
                    handler=request.user if data["take_it"] else None,
                )  # fmt: skip
    except ValidationError as error:
        transaction.set_rollback(True)
        form.add_error(None, error)
        return None, None
    url = (
        reverse("hotline:intervention", args=[intervention.pk])
        if intervention
        else reverse("hotline:contact", args=[contact.pk])
    )
    if not once.claim(data["token"], url):
        transaction.set_rollback(True)
        return redirect(once.already_submitted(data["token"]) or "hotline:home"), None
    audit.record(
        request=request, action="create", object_type="contact", object_ids=[contact.pk],
        related=related_refs([contact]),
        details={"intervention": intervention.pk if intervention else None, "call_event": call.pk if call else None},
    )  # fmt: skip
    messages.success(request, _("The contact is logged."))
    return redirect(url), None


@role_required(*HOTLINE_ROLES)
@require_POST
def person_lookup(request: HttpRequest) -> HttpResponse:
    """Search by POST (nothing searched for lands in a URL); answers with choices for the contact form."""
    form = PersonLookupForm(request.POST)
    results = None
    if form.is_valid():
        found = list(search.find_persons(form.cleaned_data["q"])[:10])
        visible = fully_visible_person_ids(request.user, [p.pk for p in found])
        by_person: dict[int, list[Case]] = {}
        for case in (
            Case.objects.filter(person__in=found).select_related("case_manager").order_by("-opened_on")
        ):
            by_person.setdefault(case.person_id, []).append(case)
        results = [{"person": p, "full": p.pk in visible, "cases": by_person.get(p.pk, [])} for p in found]
        audit.record(
            request=request, action="search", object_type="person", object_ids=[p.pk for p in found],
            details={"kinds": [q.kind for q in search.understand(form.cleaned_data["q"])], "results": len(found),
                     "form": "hotline_contact"},
        )  # fmt: skip
    return render(request, "hotline/_person_results.html", {"lookup": form, "results": results})


def _rows(request: HttpRequest, contacts: list[Contact]) -> list[dict]:
    full = full_contact_ids(request.user, contacts)
    return [{"contact": c, "full": c.pk in full} for c in contacts]


@role_required(*HOTLINE_ROLES)
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = Contact.objects.recent().select_related("case", "created_by")
    if request.GET.get("follow_up") == "1":
        contacts = contacts.filter(follow_up_needed=True)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _rows(request, list(page))
    audit.record(
        request=request, action="list", object_type="contact", object_ids=[r["contact"].pk for r in rows],
        related=related_refs(r["contact"] for r in rows),
    )  # fmt: skip
    return render(request, "hotline/contact_list.html", {"page": page, "rows": rows})


@role_required(*HOTLINE_ROLES)
def triage_list(request: HttpRequest) -> HttpResponse:
    contacts = Contact.objects.untriaged().select_related("case", "created_by").order_by("received_at", "pk")
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _rows(request, list(page))
    audit.record(
        request=request, action="list", object_type="contact", object_ids=[r["contact"].pk for r in rows],
        related=related_refs(r["contact"] for r in rows), details={"triage": True},
    )  # fmt: skip
    return render(request, "hotline/triage_list.html", {"page": page, "rows": rows})


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact; a waiting one (web report, call) can be triaged here by whoever may read it."""
    contact = get_contact_for(request, pk)
    triage = None
    if contact.triaged_at is None and contact.full:
        triage = TriageForm(request.POST or None, instance=contact)
        if request.method == "POST" and triage.is_valid():
            services.contact_triage(
                contact=triage.instance, by=request.user, fields=list(triage.changed_data)
            )
            audit.record(
                request=request, action="update", object_type="contact", object_ids=[contact.pk],
                details={"triaged": True, "fields": list(triage.changed_data)},
            )  # fmt: skip
            messages.success(request, _("The contact is triaged."))
            if contact.urgency == codes.Urgency.URGENT and not hasattr(contact, "intervention"):
                return redirect("hotline:intervention_open", pk=contact.pk)
            return redirect("hotline:triage")
    elif request.method == "POST":
        return redirect("hotline:contact", pk=pk)
    intervention = Intervention.objects.filter(contact=contact).first()
    context = {"contact": contact, "triage": triage, "intervention": intervention}
    return render(request, "hotline/contact_detail.html", context)


@role_required(*HOTLINE_ROLES)
@require_POST
def call_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """A call that needs no contact (a wrong number, a test): removed from the waiting list."""
    updated = CallEvent.objects.filter(pk=pk, status=codes.CallStatus.PENDING).update(
        status=codes.CallStatus.DISMISSED
    )
    if updated:
        audit.record(
            request=request,
            action="update",
            object_type="call_event",
            object_ids=[pk],
            details={"dismissed": True},
        )
        messages.success(request, _("The call is dismissed."))
    return redirect("hotline:home")
