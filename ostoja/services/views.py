"""Services delivered on a case, and the catalogue administrators keep."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data
from ostoja.plans import services as plans
from ostoja.services import services
from ostoja.services.access import CATALOGUE_ROLES, RECORD, get_delivery_for, only_own_work
from ostoja.services.forms import DeliveryForm, ServiceForm
from ostoja.services.models import Delivery, Service
from ostoja.web import once


def _related(case) -> list[tuple[str, int]]:
    return [("case", case.pk), ("person", case.person_id)]


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def delivery_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "delivery"})
    plan = plans.approved(case) or plans.latest(case)
    own = request.user if only_own_work(case.access) else None
    form = DeliveryForm(
        form_data(request),
        team=[case.case_manager, *(m.user for m in case.members.select_related("user"))],
        goals=list(plan.goals.all()) if plan else [], own_only=own,
        initial={"token": once.new_token(), "delivered_on": timezone.localdate(), "delivered_by": request.user.pk},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        delivery = services.delivery_record(delivery=form.instance, actor=request.user)
        audit.record(
            request=request,
            action="create",
            object_type="delivery",
            object_ids=[delivery.pk],
            related=_related(case),
        )
        messages.success(request, _("The service is recorded."))
        return redirect("services:deliveries", case_pk=case.pk)
    return render(
        request,
        "services/delivery_form.html",
        {"case": case, "form": form},
        status=400 if form.is_bound else 200,
    )


@role_required(*STAFF)
def deliveries(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Every service delivered on the case, the latest first, a page at a time."""
    case = get_case_for(request, case_pk, Perm.VIEW, details={"list": "deliveries"})
    rows = (
        Delivery.objects.filter(case=case).select_related("service", "delivered_by", "goal")
        .order_by("-delivered_on", "-pk")
    )  # fmt: skip
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record(
            request=request, action="list", object_type="delivery", object_ids=[d.pk for d in page],
            related=_related(case),
        )  # fmt: skip
    return render(
        request,
        "services/deliveries.html",
        {"case": case, "page": page, "may_record": case.access.can(RECORD)},
    )


@role_required(*STAFF)
def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_delivery_for(request, pk)
    return render(request, "services/delivery_detail.html", {"delivery": delivery, "case": delivery.case})


@role_required(*CATALOGUE_ROLES)
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "services/catalogue.html", {"services": Service.objects.all()})


@role_required(*CATALOGUE_ROLES)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk) if pk else Service()
    form = ServiceForm(
        form_data(request), instance=service, initial={"version": versions.version_of(service)}
    )
    if service.pk:
        form.fields["code"].disabled = True  # deliveries name it
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.service_save(service=form.instance, expected_version=form.cleaned_data["version"])
        except versions.StaleVersion:
            current = Service.objects.get(pk=service.pk) if service.pk else None
            if current is None:
                form.add_error("code", _("A service with this code was just added."))
            else:
                form, conflict = versions.conflict(
                    form, current=current, fields=ServiceForm.Meta.fields,
                    make_form=lambda data: ServiceForm(data, instance=Service.objects.get(pk=service.pk)),
                )  # fmt: skip
        else:
            audit.record(
                request=request, action="update" if pk else "create", object_type="service",
                object_ids=[form.instance.pk],
            )  # fmt: skip
            messages.success(request, _("The catalogue is saved."))
            return redirect("services:catalogue")
    return render(
        request, "services/service_form.html", {"form": form, "service": service, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
