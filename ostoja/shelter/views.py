"""Stays on a case, the address's audited reveal, tonight's free places, and the places administrators keep."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for, visible_cases
from ostoja.http import form_data
from ostoja.paging import UncountedPaginator
from ostoja.shelter import services
from ostoja.shelter.access import (
    OCCUPANCY_ROLES,
    PLACE,
    PLACES_ROLES,
    get_placement_for,
    get_placement_to_reveal,
    may_reveal,
    places_for,
    reveal_address_for,
)
from ostoja.shelter.forms import PlaceForm, PlacementEditForm, PlacementForm, RevealForm
from ostoja.shelter.models import Place, Placement
from ostoja.web import once

PAGE = 25


def _related(case) -> list[tuple[str, int]]:
    return [("case", case.pk), ("person", case.person_id)]


def _refuse(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def placement_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, PLACE, details={"form": "placement"})
    form = PlacementForm(
        form_data(request), places=places_for(request.user),
        initial={"token": once.new_token(), "start_on": timezone.localdate()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        try:
            placement = services.placement_create(placement=form.instance, actor=request.user)
        except ValidationError as error:
            _refuse(form, error)
        else:
            audit.record(
                request=request, action="create", object_type="placement", object_ids=[placement.pk],
                related=[*_related(case), ("place", placement.place_id)],
            )  # fmt: skip
            messages.success(request, _("The stay is recorded."))
            return redirect("shelter:placements", case_pk=case.pk)
    return render(
        request, "shelter/placement_form.html", {"case": case, "form": form},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_placement_for(request, pk, PLACE, details={"form": "placement"})
    case = placement.case
    form = PlacementEditForm(
        form_data(request), instance=placement, initial={"version": versions.version_of(placement)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(
                placement=form.instance, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            _refuse(form, error)
        except versions.StaleVersion:
            current = Placement.objects.select_related("place").get(pk=placement.pk)
            form, conflict = versions.conflict(form, current=current, fields=PlacementEditForm.Meta.fields)
        else:
            audit.record(
                request=request, action="update", object_type="placement", object_ids=[placement.pk],
                related=[*_related(case), ("place", placement.place_id)],
                details={"fields": sorted(form.changed_data)},
            )  # fmt: skip
            messages.success(request, _("The stay is saved."))
            return redirect("shelter:placements", case_pk=case.pk)
    return render(
        request, "shelter/placement_edit.html",
        {"case": case, "placement": placement, "form": form, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
def placements(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The case's stays, the latest first, a page at a time; addresses are never on this page."""
    case = get_case_for(request, case_pk, Perm.VIEW, details={"list": "placements"})
    rows = Placement.objects.filter(case=case).select_related("place").order_by("-start_on", "-pk")
    page = UncountedPaginator(rows, PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record(
            request=request, action="list", object_type="placement", object_ids=[p.pk for p in page],
            related=_related(case),
        )  # fmt: skip
    today = timezone.localdate()
    return render(
        request, "shelter/placements.html",
        {
            "case": case, "page": page, "may_place": case.access.can(PLACE),
            "rows": [
                {"placement": p, "current": p.current(today), "may_reveal": may_reveal(case.access, p)}
                for p in page
            ],
        },
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@sensitive_variables("address")
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows the place's address once, after the reason is given; GET asks for the reason."""
    form = RevealForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        placement, address = reveal_address_for(request, pk, reason=form.cleaned_data["reason"])
        return render(
            request,
            "shelter/address.html",
            {"case": placement.case, "placement": placement, "address": address},
        )
    placement = get_placement_to_reveal(request, pk)
    return render(
        request, "shelter/reveal_form.html", {"case": placement.case, "placement": placement, "form": form},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*OCCUPANCY_ROLES)
def occupancy(request: HttpRequest) -> HttpResponse:
    """Free places tonight per place; who stays where only for the cases the viewer may see."""
    today = timezone.localdate()
    places = list(Place.objects.filter(active=True).order_by("name"))
    taken = services.occupancy(today)
    mine = list(
        Placement.objects.on_night(today)
        .filter(case__in=visible_cases(request.user).values("pk"))
        .select_related("case")
        .only("pk", "place_id", "case__number", "case__id")
        .order_by("case__number")
    )
    by_place: dict[int, list[Placement]] = {}
    for stay in mine:
        by_place.setdefault(stay.place_id, []).append(stay)
    if mine:
        audit.record(
            request=request, action="list", object_type="placement", object_ids=[p.pk for p in mine],
            related=[("case", p.case_id) for p in mine], details={"list": "occupancy"},
        )  # fmt: skip
    rows = [
        {
            "place": p, "taken": taken.get(p.pk, 0), "free": max(p.capacity - taken.get(p.pk, 0), 0),
            "cases": [stay.case for stay in by_place.get(p.pk, [])],
        }
        for p in places
    ]  # fmt: skip
    return render(
        request, "shelter/occupancy.html",
        {"rows": rows, "today": today, "free": sum(r["free"] for r in rows)},
    )  # fmt: skip


@role_required(*PLACES_ROLES)
def places(request: HttpRequest) -> HttpResponse:
    rows = list(Place.objects.order_by("-active", "name"))
    stored = services.has_address([p.pk for p in rows])
    return render(
        request, "shelter/places.html", {"rows": [{"place": p, "has_address": p.pk in stored} for p in rows]}
    )


@role_required(*PLACES_ROLES)
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("address")
@sensitive_variables("form", "address")
def place_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    place = get_object_or_404(Place, pk=pk) if pk else Place()
    has_address = bool(place.pk) and bool(services.has_address([place.pk]))
    initial = {"version": versions.version_of(place)}
    form = PlaceForm(form_data(request), instance=place, initial=initial, has_address=has_address)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.place_save(
                place=form.instance, placers=form.cleaned_data["placers"], address=form.cleaned_data["address"],
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except versions.StaleVersion:
            current = Place.objects.filter(pk=place.pk).first() if place.pk else None
            if current is None:
                form.add_error("name", _("A place with this name was just added."))
            else:
                fields = [f for f in PlaceForm.Meta.fields if f != "placers"]
                form, conflict = versions.conflict(
                    form, current=current, fields=fields,
                    make_form=lambda data: PlaceForm(data, instance=Place.objects.get(pk=place.pk), has_address=True),
                )  # fmt: skip
        else:
            fields = sorted({*(f for f in form.changed_data if f != "address"), *changed})
            audit.record(
                request=request, action="update" if pk else "create", object_type="place",
                object_ids=[form.instance.pk], details={"fields": fields},
            )  # fmt: skip
            messages.success(request, _("The place is saved."))
            return redirect("shelter:places")
    return render(
        request, "shelter/place_form.html", {"form": form, "place": place, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
