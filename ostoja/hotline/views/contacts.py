"""Contact pages: the hotline page, logging a contact, person lookup, contact list, triage queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja import dates, plugins, versions
from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.cases import services as case_services
from ostoja.cases.access import Perm, duplicate_rows_for, get_person_for, person_rows_for
from ostoja.cases.codes import CaseKind
from ostoja.cases.models import Case
from ostoja.hotline import codes, services
from ostoja.hotline.access import (
    HOTLINE_ROLES,
    full_contact_ids,
    get_call_for,
    get_contact_for,
    related_refs,
)
from ostoja.hotline.forms import (
    ContactForm,
    ContactLinkForm,
    PersonLookupForm,
    TranslationAskForm,
    TranslationDoneForm,
    TriageForm,
)
from ostoja.hotline.models import CallEvent, Contact, Intervention, TranslationRequest
from ostoja.http import form_data
from ostoja.people import search
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, Person, SafeContactProtocol
from ostoja.web import once, ratelimit

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
        "surge_waiting": Contact.objects.untriaged().filter(surge=True).count(),
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
        try:
            call = get_call_for(request, int(call_id), details={"form": "hotline_contact"})
        except Http404:
            call = None  # logged or dismissed meanwhile: a blank form
    if call is not None:
        # A call time that cannot be shown (stored before the API checked times) leaves "now" in place.
        occurred = dates.local(call.occurred_at)
        initial.update(
            call_event=call.pk, received_at=occurred.replace(second=0, microsecond=0) if occurred else now,
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


def _link_label(request: HttpRequest, form: ContactForm) -> dict | None:
    """What the form says about the linked person: the name only to whoever may see it in full; the
    duty card's facts (language, protocol, risk, case manager) to a duty worker on shift."""
    if form.link_person is None or form.link_access is None:
        return None
    label = {"person": form.link_person, "case": form.link_case, "full": form.link_access.can(Perm.VIEW)}
    if not label["full"] and form.link_access.can(Perm.DUTY_CARD):
        label["duty"] = _duty_facts(request, form)
    return label


def _duty_facts(request: HttpRequest, form: ContactForm) -> dict:
    """The duty card of the linked person, read (and audited) as a duty card."""
    person = get_person_for(
        request, form.link_person.pk, Perm.DUTY_CARD, details={"duty_card": True, "form": "hotline_contact"}
    )
    case = form.link_case or (
        Case.objects.open()
        .filter(person=person)
        .select_related("case_manager")
        .order_by("-opened_on")
        .first()
    )
    protocol = SafeContactProtocol.objects.select_related("channel").filter(person=person).first()
    return {"person": person, "case": case, "protocol": protocol}


def _preselect_language(form: ContactForm) -> None:
    """A person known to the caller's number: their language is chosen, for whoever may see it."""
    person, access = form.link_person, form.link_access
    if person is None or access is None or not access.can(Perm.DUTY_CARD):
        return
    if person.preferred_language in dict(codes.LANGUAGES):
        form.initial["language"] = person.preferred_language


def _protocol_for(
    request: HttpRequest, form: ContactForm, direction: str
) -> tuple[SafeContactProtocol | None, bool]:
    """The protocol to show before an outgoing contact, and whether the user may contact the person."""
    person = form.link_person
    if person is None or direction != codes.Direction.OUTGOING:
        return None, True
    try:
        get_person_for(
            request, person.pk, Perm.DUTY_CARD, details={"protocol": True, "form": "hotline_contact"}
        )
    except PermissionDenied:
        return None, False
    protocol = SafeContactProtocol.objects.select_related("channel").filter(person=person).first()
    return protocol, True


def _duplicates(request: HttpRequest, person: Person, phone: str) -> list[dict]:
    candidates = people_services.possible_duplicates(
        names=person.name_variants(), phones=[phone] if phone else []
    )
    return duplicate_rows_for(request, candidates)


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
@once.creates
def contact_new(request: HttpRequest) -> HttpResponse:
    initial, call = _initial(request)
    form = ContactForm(form_data(request), initial=initial, request=request)
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
        _resolve_initial_link(form)
        _preselect_language(form)
        protocol, _allowed = _protocol_for(request, form, form.initial["direction"])
    context = {
        "form": form,
        "lookup": PersonLookupForm(),
        "duplicates": duplicates,
        "protocol": protocol,
        "linked": _link_label(request, form),
        "call": call,
    }
    status = 429 if getattr(form, "lookup_refused", False) else 200
    return render(request, "hotline/contact_form.html", context, status=status)


def _resolve_initial_link(form: ContactForm) -> None:
    """Links the unbound form to the person or case it was opened for (from a call or a case page)."""
    form.cleaned_data = {"link": form.initial["link"]}
    try:
        form.clean_link()
    except ValidationError:
        form.link_person = form.link_case = form.link_access = None
    del form.cleaned_data


def _save_contact(request: HttpRequest, form: ContactForm) -> tuple[HttpResponse | None, list | None]:
    data = form.cleaned_data
    contact = form.save(commit=False)
    contact.person, contact.case = form.link_person, form.link_case
    if form.wants_new_person and not data["confirm_new"]:
        if not ratelimit.spend_lookup(user=request.user):
            ratelimit.record_refused_lookup(request=request, lookup="duplicate_check")
            form.add_error(None, ratelimit.LOOKUP_REFUSED)
            form.lookup_refused = True
            return None, None
        duplicates = _duplicates(request, form.new_person(request.user), data["new_phone"])
        if duplicates:
            form.data = form.data.copy()
            form.data["confirm_new"] = "on"
            return None, duplicates
    try:
        # One savepoint for the new person, the contact and the intervention: all of them or none.
        with transaction.atomic():
            if form.wants_new_person:
                contact.person, contact.case = _register_new(request, form)
            call = None
            if data.get("call_event"):
                call = (
                    CallEvent.objects.select_for_update()
                    .filter(pk=data["call_event"], status=codes.CallStatus.PENDING)
                    .first()
                )
            services.contact_log(contact=contact, created_by=request.user, call_event=call)
            intervention = None
            if contact.urgency == codes.Urgency.URGENT:
                intervention = services.intervention_open(
                    contact=contact, needs=data["needs"], opened_by=request.user,
                    handler=request.user if data["take_it"] else None,
                )  # fmt: skip
    except ValidationError as error:
        form.add_error(None, error)
        return None, None
    url = (
        reverse("hotline:intervention", args=[intervention.pk])
        if intervention
        else reverse("hotline:contact", args=[contact.pk])
    )
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
    if form.is_valid() and not ratelimit.spend_lookup(user=request.user):
        ratelimit.record_refused_lookup(request=request, lookup="hotline_find_person")
        context = {"lookup": form, "results": None, "refused": ratelimit.LOOKUP_REFUSED}
        return render(request, "hotline/_person_results.html", context, status=429)
    if form.is_valid():
        found = list(search.find_persons(form.cleaned_data["q"])[:10])
        results = person_rows_for(
            request, found,
            details={"kinds": [q.kind for q in search.understand(form.cleaned_data["q"])], "results": len(found),
                     "form": "hotline_contact"},
        )  # fmt: skip
    target = "contact-link" if request.POST.get("target") == "contact-link" else "contact-form"
    context = {"lookup": form, "results": results, "target": target}
    return render(request, "hotline/_person_results.html", context)


@role_required(*HOTLINE_ROLES)
@require_POST
def contact_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Links a contact whose text the worker may read to the person or case it concerns."""
    contact = get_contact_for(request, pk, need_full=True, action="update", details={"form": "contact_link"})
    form = ContactLinkForm(request.POST, request=request)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("hotline:contact", pk=pk)
    try:
        services.contact_link(
            contact=contact, person=form.link_person, case=form.link_case,
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip
    except versions.StaleVersion:
        messages.error(
            request, _("A colleague changed this contact meanwhile. Look at it again, then link it.")
        )
        return redirect("hotline:contact", pk=pk)
    audit.record(
        request=request, action="update", object_type="contact", object_ids=[contact.pk],
        related=[("person", form.link_person.pk), *([("case", form.link_case.pk)] if form.link_case else [])],
        details={"linked": True},
    )  # fmt: skip
    messages.success(request, _("The contact is linked."))
    return redirect("hotline:contact", pk=pk)


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
    """Oldest first. Web reports that came in a surge (over the public form's hourly cap) have
    their own list, so that a flood cannot bury the rest of the queue."""
    surge = request.GET.get("surge") == "1"
    waiting = Contact.objects.untriaged()
    contacts = waiting.filter(surge=surge).select_related("case", "created_by").order_by("received_at", "pk")
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _rows(request, list(page))
    audit.record(
        request=request, action="list", object_type="contact", object_ids=[r["contact"].pk for r in rows],
        related=related_refs(r["contact"] for r in rows), details={"triage": True, "surge": surge},
    )  # fmt: skip
    context = {
        "page": page,
        "rows": rows,
        "surge": surge,
        "surge_waiting": waiting.filter(surge=True).count(),
    }
    return render(request, "hotline/triage_list.html", context)


TRIAGE_FIELDS = [*TriageForm.Meta.fields, "triaged_at", "triaged_by"]


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact; a waiting one (web report, call) can be triaged here by whoever may read it.

    A triage that arrives after a colleague's (the version moved) shows both: what is saved now and,
    in the form, what this worker chose; saving again corrects the triaged contact.
    """
    contact = get_contact_for(request, pk)
    triage = conflict = None
    triaging = contact.full and (contact.triaged_at is None or request.method == "POST")
    if triaging:
        triage = TriageForm(form_data(request), instance=contact, initial={"version": contact.version})
        if request.method == "POST" and triage.is_valid():
            changed = [f for f in triage.changed_data if f != "version"]
            try:
                services.contact_triage(
                    contact=triage.instance, by=request.user, fields=changed,
                    expected_version=triage.cleaned_data["version"],
                )  # fmt: skip
            except versions.StaleVersion:
                # The contact as a colleague left it; it was read (and audited) above.
                current = Contact.objects.select_related("case", "case__case_manager", "created_by").get(
                    pk=pk
                )
                current.full = contact.full
                contact = current
                triage, conflict = versions.conflict(
                    triage, current=contact, fields=TRIAGE_FIELDS,
                    message=_("A colleague triaged this contact while you were looking at it. Compare below, then save again."),
                )  # fmt: skip
            else:
                audit.record(
                    request=request, action="update", object_type="contact", object_ids=[contact.pk],
                    details={"triaged": True, "fields": changed},
                )  # fmt: skip
                messages.success(request, _("The contact is triaged."))
                if contact.urgency == codes.Urgency.URGENT and not hasattr(contact, "intervention"):
                    return redirect("hotline:intervention_open", pk=contact.pk)
                return redirect("hotline:triage")
    elif request.method == "POST":
        return redirect("hotline:contact", pk=pk)
    return render(
        request, "hotline/contact_detail.html", _detail_context(contact, triage=triage, conflict=conflict)
    )


def _detail_context(contact: Contact, **extra) -> dict:
    intervention = Intervention.objects.filter(contact=contact).first()
    context = {"contact": contact, "intervention": intervention, **extra}
    if contact.full and contact.person_id is None:
        context.update(lookup=PersonLookupForm(), link_version=contact.version)
    if contact.full:
        context.setdefault("ask_form", TranslationAskForm(language=contact.language))
        context["translations"] = _translations(contact)
    return context


def _translations(contact: Contact) -> list[dict]:
    """The contact's translation requests, each with its interpreter's name from the centre's list."""
    requests = list(
        contact.translations.select_related("asked_by", "translated_by").order_by("asked_at", "pk")
    )
    if not requests:
        return []
    names = {pk: name for pk, name, _phone, _langs in plugins.interpreters()}
    return [
        {"request": r, "interpreter": names.get(r.interpreter_id, _("an interpreter no longer on the list"))}
        for r in requests
    ]


@role_required(*HOTLINE_ROLES)
@require_POST
def translation_ask(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks an interpreter from the centre's list to translate a contact whose text the worker may read."""
    contact = get_contact_for(
        request, pk, need_full=True, action="update", details={"form": "translation_ask"}
    )
    form = TranslationAskForm(request.POST, language=contact.language)
    if not form.is_valid():
        context = _detail_context(contact, ask_form=form)
        return render(request, "hotline/contact_detail.html", context, status=422)
    asked = services.translation_ask(
        contact=contact, interpreter_id=form.cleaned_data["interpreter"], note=form.cleaned_data["note"],
        by=request.user,
    )  # fmt: skip
    audit.record(
        request=request, action="create", object_type="translation_request", object_ids=[asked.pk],
        related=[("contact", contact.pk), *related_refs([contact])],
    )  # fmt: skip
    messages.success(request, _("The interpreter is asked. Record the translation here when it comes."))
    return redirect("hotline:contact", pk=pk)


@role_required(*HOTLINE_ROLES)
@require_POST
def translation_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Records the translation an interpreter gave for a contact."""
    asked = TranslationRequest.objects.filter(pk=pk).first()
    if asked is None:
        raise Http404
    contact = get_contact_for(
        request, asked.contact_id, need_full=True, action="update", details={"form": "translation_done"}
    )
    form = TranslationDoneForm(request.POST)
    if not form.is_valid():
        context = _detail_context(contact, done_form=form, done_for=asked.pk)
        return render(request, "hotline/contact_detail.html", context, status=422)
    services.translation_record(request_=asked, text=form.cleaned_data["translation"], by=request.user)
    audit.record(
        request=request, action="update", object_type="translation_request", object_ids=[asked.pk],
        related=[("contact", contact.pk), *related_refs([contact])], details={"translated": True},
    )  # fmt: skip
    messages.success(request, _("The translation is recorded."))
    return redirect("hotline:contact", pk=contact.pk)


@role_required(*HOTLINE_ROLES)
@require_POST
def call_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """A call that needs no contact (a wrong number, a test): removed from the waiting list."""
    try:
        call = get_call_for(request, pk, details={"form": "dismiss"})
    except Http404:
        messages.info(request, _("This call is no longer waiting."))
        return redirect("hotline:home")
    CallEvent.objects.filter(pk=call.pk, status=codes.CallStatus.PENDING).update(
        status=codes.CallStatus.DISMISSED
    )
    audit.record(
        request=request, action="update", object_type="call_event", object_ids=[call.pk],
        details={"dismissed": True},
    )  # fmt: skip
    messages.success(request, _("The call is dismissed."))
    return redirect("hotline:home")
