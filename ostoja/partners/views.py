"""The partner directory: search it (every staff member) and edit it (administrators and supervisors)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.http import form_data
from ostoja.partners.access import EDITORS, get_organisation_for
from ostoja.partners.forms import OrganisationForm, SearchForm
from ostoja.partners.models import Organisation


def search(params: dict) -> list[Organisation]:
    """The organisations matching every filter given; country and kind narrow in the database.

    The directory holds hundreds of organisations, not persons: services and languages (JSON
    lists) are matched on the rows that country, kind and city leave.
    """
    rows = Organisation.objects.all()
    if params.get("country"):
        rows = rows.filter(country=params["country"])
    if params.get("kind"):
        rows = rows.filter(kind=params["kind"])
    if params.get("city"):
        rows = rows.filter(city__icontains=params["city"].strip())
    if params.get("q"):
        rows = rows.filter(name__icontains=params["q"].strip())
    found = list(rows.order_by("-active", "name", "city")[:500])
    if params.get("service"):
        found = [o for o in found if params["service"] in o.services]
    if params.get("language"):
        language = params["language"].strip().lower()
        found = [o for o in found if language in o.languages]
    return found


@role_required(*STAFF)
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found = search(form.cleaned_data if form.is_valid() else {})
    audit.record(
        request=request,
        action="search" if request.GET else "list",
        object_type="partner",
        object_ids=[o.pk for o in found],
        details={"filters": sorted(k for k, v in request.GET.items() if v)},
    )
    context = {"form": form, "found": found, "may_edit": request.user.has_role(*EDITORS)}
    return render(request, "partners/directory.html", context)


@role_required(*STAFF)
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for(request, pk)
    context = {"organisation": organisation, "may_edit": request.user.has_role(*EDITORS)}
    return render(request, "partners/organisation_detail.html", context)


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = get_organisation_for(request, pk) if pk else Organisation()
    form = OrganisationForm(
        form_data(request), instance=organisation, initial={"version": versions.version_of(organisation)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            created = form.instance.pk is None
            versions.save(form.instance, form.cleaned_data.get("version"))
        except versions.StaleVersion:
            current = Organisation.objects.get(pk=pk)
            form, conflict = versions.conflict(form, current=current, fields=OrganisationForm.Meta.fields)
        else:
            audit.record(
                request=request, action="create" if created else "update", object_type="partner",
                object_ids=[form.instance.pk], details={"fields": sorted(form.changed_data)},
            )  # fmt: skip
            messages.success(request, _("The partner organisation is saved."))
            return redirect("partners:organisation", pk=form.instance.pk)
    return render(
        request, "partners/organisation_edit.html", {"form": form, "organisation": organisation, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
