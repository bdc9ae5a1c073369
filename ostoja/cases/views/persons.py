"""Person pages: search, registration with the duplicate check, the person file, edits, merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF, Role
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, duplicate_rows_for, get_person_for, person_rows_for
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
from ostoja.history.services import history_of, readable, record_changes, snapshot
from ostoja.http import form_data, form_files
from ostoja.people import photos, search, services
from ostoja.people.models import Person, PersonPhoto, SafeContactProtocol
from ostoja.web import once, ratelimit

PROTOCOL_FIELDS = ["channel", "when", "if_someone_else_answers", "messages", "other_instructions"]
PERSON_FIELDS = [
    "given_name", "family_name", "given_name_latin", "family_name_latin", "aliases", "gender", "date_of_birth",
    "estimated_age", "is_minor", "citizenships", "languages", "preferred_language", "needs_interpreter",
]  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def person_search(request: HttpRequest) -> HttpResponse:
    """Search by POST only: what was searched for never appears in a URL or a log."""
    form = SearchForm(form_data(request))
    results = None
    if request.method == "POST" and form.is_valid() and not ratelimit.spend_lookup(user=request.user):
        form.add_error(None, ratelimit.LOOKUP_REFUSED)
        ratelimit.record_refused_lookup(request=request, lookup="search")
        return render(request, "cases/person_search.html", {"form": form, "results": None}, status=429)
    if request.method == "POST" and form.is_valid():
        found = list(search.find_persons(form.cleaned_data["q"])[:50])
        results = person_rows_for(
            request, found,
            details={"kinds": [q.kind for q in search.understand(form.cleaned_data["q"])], "results": len(found)},
        )  # fmt: skip
    return render(request, "cases/person_search.html", {"form": form, "results": results})


@role_required(Role.ADMINISTRATOR, Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def audit_person_search(request: HttpRequest) -> HttpResponse:
    """The audit log's search by a person's name: the same blind-index search, look-up budget and
    audited search row as any person search; each result leads to the audit log by record ids only
    (the name never reaches a URL)."""
    form = SearchForm(form_data(request))
    results = None
    if request.method == "POST" and form.is_valid() and not ratelimit.spend_lookup(user=request.user):
        form.add_error(None, ratelimit.LOOKUP_REFUSED)
        ratelimit.record_refused_lookup(request=request, lookup="audit_person_search")
        return render(request, "cases/audit_person_search.html", {"form": form, "results": None}, status=429)
    if request.method == "POST" and form.is_valid():
        found = list(search.find_persons(form.cleaned_data["q"])[:50])
        results = person_rows_for(
            request, found,
            details={"kinds": [q.kind for q in search.understand(form.cleaned_data["q"])], "results": len(found),
                     "form": "audit_log"},
        )  # fmt: skip
    return render(request, "cases/audit_person_search.html", {"form": form, "results": results})


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def person_register(request: HttpRequest) -> HttpResponse:
    form = RegisterPersonForm(form_data(request), initial={"token": once.new_token()})
    duplicates = None
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        if not form.cleaned_data["confirm_new"]:
            if not ratelimit.spend_lookup(user=request.user):
                form.add_error(None, ratelimit.LOOKUP_REFUSED)
                ratelimit.record_refused_lookup(request=request, lookup="duplicate_check")
                return render(
                    request, "cases/person_register.html", {"form": form, "duplicates": None}, status=429
                )
            duplicates = _duplicates_of(request, person, form)
        if not duplicates:
            person.registered_by = request.user
            services.person_register(person=person, channels=form.channels())
            audit.record(request=request, action="create", object_type="person", object_ids=[person.pk])
            messages.success(request, _("The person is registered."))
            return redirect("cases:person_detail", pk=person.pk)
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
    return duplicate_rows_for(request, candidates)


@role_required(*STAFF)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, Perm.EXISTS)
    if person.merged_into_id:
        return redirect("cases:person_detail", pk=person.merged_into_id)
    cases = list(person.cases.select_related("case_manager").order_by("-opened_on"))
    full = person.access.can(Perm.VIEW)
    context = {
        "person": person,
        "cases": cases,
        "full": full,
        "duty": not full and person.access.can(Perm.DUTY_CARD),
        "may_change": person.access.can(Perm.CHANGE),
        "protocol": getattr(person, "protocol", None),
    }
    if context["full"]:
        context.update(
            channels=list(person.channels.all()),
            documents=list(person.documents.all()),
            has_photo=PersonPhoto.objects.filter(person=person).exists(),
            seen_by=audit.seen_by(object_type="person", object_id=person.pk, limit=20),
            history=_readable_history(history_of(object_type="person", object_id=person.pk)[:50]),
        )
    return render(request, "cases/person_detail.html", context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, Perm.CHANGE, details={"form": "edit"})
    before = snapshot(person, PERSON_FIELDS)
    form = PersonEditForm(form_data(request), instance=person, initial={"version": person.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=form.instance, expected_version=form.cleaned_data["version"], fields=PERSON_FIELDS
            )
        except versions.StaleVersion:
            form, conflict = versions.conflict(form, current=Person.objects.get(pk=pk), fields=PERSON_FIELDS)
        else:
            changed = record_changes(
                actor=request.user, object_type="person", object_id=person.pk, instance=person, before=before
            )
            audit.record(
                request=request,
                action="update",
                object_type="person",
                object_ids=[person.pk],
                details={"fields": changed},
            )
            messages.success(request, _("Changes saved."))
            return redirect("cases:person_detail", pk=pk)
    return render(request, "cases/person_edit.html", {"form": form, "person": person, "conflict": conflict})


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, Perm.CHANGE, details={"form": "protocol"})
    protocol, _created = SafeContactProtocol.objects.get_or_create(person=person)
    before = snapshot(protocol, PROTOCOL_FIELDS)
    form = ProtocolForm(form_data(request), instance=protocol, initial={"version": protocol.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.protocol_update(protocol=form.instance, expected_version=form.cleaned_data["version"])
        except versions.StaleVersion:
            current = SafeContactProtocol.objects.get(pk=protocol.pk)
            form, conflict = versions.conflict(form, current=current, fields=PROTOCOL_FIELDS)
        else:
            # The protocol is part of the person's file: its history is the person's history.
            changed = record_changes(
                actor=request.user,
                object_type="person",
                object_id=person.pk,
                instance=protocol,
                before=before,
            )
            audit.record(
                request=request,
                action="update",
                object_type="person",
                object_ids=[person.pk],
                details={"protocol": changed},
            )
            messages.success(request, _("Safe-contact protocol saved."))
            return redirect("cases:person_detail", pk=pk)
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "person": person, "title": _("Safe-contact protocol"), "conflict": conflict},
    )


def _add_to_person(
    request: HttpRequest, pk: int, form_class, *, what: str, done: str, title: str
) -> HttpResponse:
    """A contact channel or a document: a small record added to the person, searchable at once."""
    person = get_person_for(request, pk, Perm.CHANGE, details={"form": what})
    form = form_class(form_data(request))
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
    person = get_person_for(request, pk, Perm.CHANGE, details={"form": "photo"})
    form = PhotoForm(form_data(request), form_files(request))
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
    person = get_person_for(request, pk, Perm.VIEW, details={"photo": "shown"})
    found = PersonPhoto.objects.filter(person=person).first()
    if found is None:
        raise Http404
    response = HttpResponse(photos.decode(found.jpeg), content_type="image/jpeg")
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@role_required(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = get_person_for(request, pk, Perm.CHANGE, details={"form": "merge"})
    form = MergeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        duplicate = _merge_candidate(request, keep, form.cleaned_data["duplicate"])
        if duplicate is None:
            form.add_error("duplicate", _("There is no other active person record with this number."))
        else:
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


def _merge_candidate(request: HttpRequest, keep: Person, pk: int) -> Person | None:
    if pk == keep.pk:
        return None
    try:
        return get_person_for(request, pk, Perm.CHANGE, details={"merge_into": keep.pk}, active=True)
    except (Http404, PermissionDenied):
        return None


def _readable_history(changes) -> list:
    """A person's changes with labels and values in the reader's language (codes as names)."""
    from django.conf.locale import LANG_INFO

    from ostoja.people.countries import country_choices
    from ostoja.web.templatetags.ostoja import language_name

    languages = [(code, language_name(code)) for code, info in LANG_INFO.items() if "name" in info]
    lists = {"citizenships": country_choices(), "languages": languages, "preferred_language": languages}
    rows = list(changes)
    for change in rows:
        change.shown_label, change.shown_old, change.shown_new = readable(
            change, [Person, SafeContactProtocol], lists=lists
        )
    return rows
