"""Person pages: search, registration with the duplicate check, the person file, edits, merge."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.cases.access import Level, fully_visible_person_ids, get_person_for
from ostoja.cases.forms import (
    ChannelForm,
    DocumentForm,
    MergeForm,
    PersonEditForm,
    PhotoForm,
    ProtocolForm,
    RegisterPersonForm,
    SearchForm,
)
from ostoja.cases.models import Case
from ostoja.history.services import history_of, record_changes, snapshot
from ostoja.people import photos, search, services
from ostoja.people.models import Person, PersonPhoto, SafeContactProtocol
from ostoja.web import once, ratelimit

STAFF = tuple(Role.values)
PERSON_FIELDS = [
    "given_name", "family_name", "given_name_latin", "family_name_latin", "aliases", "gender", "date_of_birth",
    "estimated_age", "is_minor", "citizenships", "languages", "preferred_language", "needs_interpreter",
]  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def person_search(request: HttpRequest) -> HttpResponse:
    """Search by POST only: what was searched for never appears in a URL or a log."""
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and not ratelimit.allow(
        f"search:{request.user.pk}", limit=settings.OSTOJA_SEARCH_LIMIT, per_seconds=600
    ):
        form.add_error(None, _("Too many searches in a short time. Wait a few minutes and search again."))
        return render(request, "cases/person_search.html", {"form": form, "results": None}, status=429)
    if request.method == "POST" and form.is_valid():
        found = list(search.find_persons(form.cleaned_data["q"])[:50])
        visible = fully_visible_person_ids(request.user, [p.pk for p in found])
        cases = Case.objects.filter(person__in=found).select_related("case_manager").order_by("-opened_on")
        by_person: dict[int, list[Case]] = {}
        for case in cases:
            by_person.setdefault(case.person_id, []).append(case)
        results = [{"person": p, "full": p.pk in visible, "cases": by_person.get(p.pk, [])} for p in found]
        audit.record(
            request=request, action="search", object_type="person", object_ids=[p.pk for p in found],
            details={"kinds": [q.kind for q in search.understand(form.cleaned_data["q"])], "results": len(found)},
        )  # fmt: skip
    return render(request, "cases/person_search.html", {"form": form, "results": results})


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def person_register(request: HttpRequest) -> HttpResponse:
    form = RegisterPersonForm(request.POST or None, initial={"token": once.new_token()})
    duplicates = None
    if request.method == "POST" and form.is_valid():
        done = once.already_submitted(form.cleaned_data["token"])
        if done:
            return redirect(done)
        person = form.save(commit=False)
        if not form.cleaned_data["confirm_new"]:
            duplicates = _duplicates_of(request, person, form)
        if not duplicates:
            person.registered_by = request.user
            services.person_register(person=person, channels=form.channels())
            url = reverse("cases:person_detail", args=[person.pk])
            if not once.claim(form.cleaned_data["token"], url):
                transaction.set_rollback(True)
                return redirect(once.already_submitted(form.cleaned_data["token"]) or "cases:person_search")
            audit.record(request=request, action="create", object_type="person", object_ids=[person.pk])
            messages.success(request, _("The person is registered."))
            return redirect(url)
        data = form.data.copy()
        data["confirm_new"] = "on"
        form = RegisterPersonForm(data, initial={"token": form.cleaned_data["token"]})
        form.is_valid()
    return render(request, "cases/person_register.html", {"form": form, "duplicates": duplicates})


def _duplicates_of(request: HttpRequest, person: Person, form) -> list[dict]:
    candidates = services.possible_duplicates(
        names=person.name_variants(), date_of_birth=person.date_of_birth,
        phones=[form.cleaned_data["phone"]] if form.cleaned_data.get("phone") else [],
    )  # fmt: skip
    if not candidates:
        return []
    ids = [c.person_id for c in candidates]
    persons = Person.objects.in_bulk(ids)
    visible = fully_visible_person_ids(request.user, ids)
    cases = Case.objects.filter(person_id__in=ids).select_related("case_manager")
    by_person: dict[int, list[Case]] = {}
    for case in cases:
        by_person.setdefault(case.person_id, []).append(case)
    audit.record(
        request=request,
        action="search",
        object_type="person",
        object_ids=ids,
        details={"duplicate_check": True},
    )
    return [
        {
            "person": persons[c.person_id],
            "reasons": sorted(c.reasons),
            "full": c.person_id in visible,
            "cases": by_person.get(c.person_id, []),
        }
        for c in candidates
        if c.person_id in persons
    ]


@role_required(*STAFF)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, need=Level.EXISTENCE)
    if person.merged_into_id:
        return redirect("cases:person_detail", pk=person.merged_into_id)
    cases = list(person.cases.select_related("case_manager").order_by("-opened_on"))
    context = {
        "person": person,
        "cases": cases,
        "full": person.access_level >= Level.FULL,
        "duty": person.access_level == Level.DUTY_CARD,
        "protocol": getattr(person, "protocol", None),
    }
    if context["full"]:
        context.update(
            channels=list(person.channels.all()),
            documents=list(person.documents.all()),
            has_photo=PersonPhoto.objects.filter(person=person).exists(),
            seen_by=audit.seen_by(object_type="person", object_id=person.pk, limit=20),
            history=list(history_of(object_type="person", object_id=person.pk)[:50]),
        )
    return render(request, "cases/person_detail.html", context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, audit_action="")
    before = snapshot(person, PERSON_FIELDS)
    form = PersonEditForm(request.POST or None, instance=person, initial={"version": person.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=form.instance, expected_version=form.cleaned_data["version"], fields=PERSON_FIELDS
            )
        except services.StaleVersion:
            current = Person.objects.get(pk=pk)
            conflict = {"current": snapshot(current, PERSON_FIELDS), "labels": _labels(Person, PERSON_FIELDS)}
            data = form.data.copy()
            data["version"] = current.version
            form = PersonEditForm(data, instance=current)
            form.is_valid()
            form.add_error(
                None,
                _("Someone else saved this record while you were editing. Compare below, then save again."),
            )
        else:
            changed = record_changes(actor=request.user, object_type="person", instance=person, before=before)
            audit.record(
                request=request,
                action="update",
                object_type="person",
                object_ids=[person.pk],
                details={"fields": changed},
            )
            messages.success(request, _("Changes saved."))
            return redirect("cases:person_detail", pk=pk)
    # Whatever the outcome, the page shows the record: an audited read.
    audit.record(
        request=request,
        action="view",
        object_type="person",
        object_ids=[person.pk],
        details={"form": "edit"},
    )
    return render(request, "cases/person_edit.html", {"form": form, "person": person, "conflict": conflict})


def _labels(model, fields: list[str]) -> dict[str, str]:
    return {name: str(model._meta.get_field(name).verbose_name) for name in fields}


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, audit_action="")
    protocol, _created = SafeContactProtocol.objects.get_or_create(person=person)
    fields = ["channel", "when", "if_someone_else_answers", "messages", "other_instructions"]
    before = snapshot(protocol, fields)
    seen = protocol.updated_at.isoformat()
    form = ProtocolForm(request.POST or None, instance=protocol, initial={"seen": seen})
    conflict = None
    if request.method == "POST" and form.is_valid() and form.cleaned_data["seen"] != seen:
        conflict = {"current": before, "labels": _labels(SafeContactProtocol, fields)}
        data = form.data.copy()
        data["seen"] = seen
        form = ProtocolForm(data, instance=SafeContactProtocol.objects.get(pk=protocol.pk))
        form.is_valid()
        form.add_error(
            None, _("Someone else saved this record while you were editing. Compare below, then save again.")
        )
    elif request.method == "POST" and form.is_valid():
        form.save()
        changed = record_changes(actor=request.user, object_type="person", instance=protocol, before=before)
        audit.record(
            request=request,
            action="update",
            object_type="person",
            object_ids=[person.pk],
            details={"protocol": changed},
        )
        messages.success(request, _("Safe-contact protocol saved."))
        return redirect("cases:person_detail", pk=pk)
    audit.record(
        request=request,
        action="view",
        object_type="person",
        object_ids=[person.pk],
        details={"form": "protocol"},
    )
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "person": person, "title": _("Safe-contact protocol"), "conflict": conflict},
    )


def _add_to_person(
    request: HttpRequest, pk: int, form_class, *, what: str, done: str, title: str
) -> HttpResponse:
    """A contact channel or a document: a small record added to the person, searchable at once."""
    person = get_person_for(request, pk, audit_action="")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.person = person
        item.save()
        services.refresh_search_tokens(person=person)
        audit.record(
            request=request,
            action="update",
            object_type="person",
            object_ids=[person.pk],
            details={"added": what},
        )
        messages.success(request, done)
        return redirect("cases:person_detail", pk=pk)
    return render(request, "cases/simple_form.html", {"form": form, "person": person, "title": title})


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def channel_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to_person(
        request,
        pk,
        ChannelForm,
        what="channel",
        done=_("Contact channel added."),
        title=_("New contact channel"),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to_person(
        request,
        pk,
        DocumentForm,
        what="document",
        done=_("Identity document added."),
        title=_("New identity document"),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, audit_action="")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        PersonPhoto.objects.update_or_create(
            person=person,
            defaults={"jpeg": photos.encode(form.cleaned_data["photo"]), "uploaded_by": request.user},
        )
        audit.record(
            request=request,
            action="update",
            object_type="person",
            object_ids=[person.pk],
            details={"photo": "uploaded"},
        )
        messages.success(request, _("Photo saved."))
        return redirect("cases:person_detail", pk=pk)
    context = {"form": form, "person": person, "title": _("Photo"), "multipart": True}
    return render(request, "cases/simple_form.html", context)


@role_required(*STAFF)
@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The photo itself: same access as the person file, and every view of it is audited."""
    person = get_person_for(request, pk, audit_action="")
    found = PersonPhoto.objects.filter(person=person).first()
    if found is None:
        raise Http404
    audit.record(
        request=request,
        action="view",
        object_type="person",
        object_ids=[person.pk],
        details={"photo": "shown"},
    )
    response = HttpResponse(photos.decode(found.jpeg), content_type="image/jpeg")
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@role_required(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = get_person_for(request, pk)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        duplicate = Person.objects.active().filter(pk=form.cleaned_data["duplicate"]).first()
        if duplicate is None or duplicate.pk == keep.pk:
            form.add_error("duplicate", _("There is no other active person record with this number."))
        else:
            if not request.user.has_role(Role.SUPERVISOR):
                raise PermissionDenied
            services.person_merge(keep=keep, duplicate=duplicate)
            audit.record(
                request=request, action="merge", object_type="person", object_ids=[keep.pk, duplicate.pk]
            )
            messages.success(request, _("The records are merged; the duplicate now points here."))
            return redirect("cases:person_detail", pk=keep.pk)
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "person": keep, "title": _("Merge a duplicate into this person")},
    )
