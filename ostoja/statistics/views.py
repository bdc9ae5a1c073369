"""The statistics page for supervisors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.http import form_data
from ostoja.statistics import case_export, figures, present, tasks
from ostoja.statistics import questionnaire as ministry
from ostoja.statistics.access import (
    CATEGORY_ROLES,
    STATISTICS_ROLES,
    get_export_for,
    get_report_for,
    record_statistics_read,
)
from ostoja.statistics.forms import CaseExportForm, CategoryForm, Kind, PeriodForm, ReportForm
from ostoja.statistics.models import CaseExport, FunderReport, ReportCategory, ReportStatus
from ostoja.statistics.protect import threshold
from ostoja.web import once

DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@role_required(*STATISTICS_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    default = {"period": Kind.YEAR, "year": str(timezone.localdate().year)}
    form = PeriodForm(request.GET if "period" in request.GET else default)
    context = {"form": form, "threshold": threshold(), "limit": threshold() + 1}
    if not form.is_valid():
        return render(request, "statistics/overview.html", context, status=400)
    period = form.period_chosen()
    record_statistics_read(request, period)
    now = figures.compute(period)
    previous_period = period.previous()
    before = figures.compute(previous_period) if previous_period else None
    response = now.response_minutes
    context.update(
        period=period,
        previous_period=previous_period,
        figures=now,
        tables=present.show(now, before),
        # A median of a few interventions would say how long one took: shown only beyond the threshold.
        response=response if response["taken"] > threshold() else None,
    )
    return render(request, "statistics/overview.html", context)


@role_required(*STATISTICS_ROLES)
@require_http_methods(["GET"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    """The ministry's anonymous questionnaire of a period's beneficiaries: what is derived from the cases,
    what is not held yet, and the workbook (no personal data; small values hidden)."""
    default = {"period": Kind.YEAR, "year": str(timezone.localdate().year)}
    form = PeriodForm(request.GET if "period" in request.GET else default)
    context = {"form": form, "threshold": threshold(), "limit": threshold() + 1}
    if not form.is_valid():
        return render(request, "statistics/questionnaire.html", context, status=400)
    period = form.period_chosen()
    if request.GET.get("download") == "xlsx":
        audit.record(
            request=request, action="export", object_type="statistics",
            details={"questionnaire": True, "format": "xlsx", "period": period.kind,
                     "start": period.start.isoformat() if period.start else "", "end": period.end.isoformat()},
        )  # fmt: skip
        response = HttpResponse(ministry.xlsx(period), content_type=DOWNLOADS["xlsx"])
        name = f"ankieta-{period.start or 'start'}-{period.end}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    record_statistics_read(request, period)
    found = ministry.collect(period)
    download = request.GET.copy()
    download["download"] = "xlsx"
    context.update(period=period, questionnaire=found, download_query=download.urlencode())
    return render(request, "statistics/questionnaire.html", context)


@role_required(*STATISTICS_ROLES)
@require_http_methods(["GET", "POST"])
@once.creates
def reports(request: HttpRequest) -> HttpResponse:
    form = ReportForm(
        form_data(request), initial={"year": timezone.localdate().year - 1, "token": once.new_token()}
    )
    if request.method == "POST" and form.is_valid():
        report = FunderReport.objects.create(year=form.cleaned_data["year"], requested_by=request.user)
        audit.record(
            request=request, action="create", object_type="funder_report", object_ids=[report.pk],
            details={"year": report.year},
        )  # fmt: skip
        tasks.build_report.enqueue(report.pk)  # stored with this request's transaction, run by the worker
        return redirect("statistics:report", pk=report.pk)
    recent = list(
        FunderReport.objects.defer("xlsx", "pdf")
        .select_related("requested_by")
        .order_by("-requested_at")[:20]
    )
    status = 400 if form.is_bound and request.method == "POST" else 200
    return render(request, "statistics/reports.html", {"form": form, "reports": recent}, status=status)


@role_required(*STATISTICS_ROLES)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_report_for(request, pk)
    return render(
        request, "statistics/report.html", {"report": found, "done": found.status == ReportStatus.DONE}
    )


@role_required(*STATISTICS_ROLES)
def report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in ("xlsx", "pdf"):
        raise Http404
    found = get_report_for(request, pk, download=kind)
    if found.status != ReportStatus.DONE:
        raise Http404
    content = bytes(FunderReport.objects.filter(pk=found.pk).values_list(kind, flat=True).get())
    response = HttpResponse(content, content_type=DOWNLOADS[kind])
    response["Content-Disposition"] = f'attachment; filename="raport-{found.year}.{kind}"'
    return response


@role_required(*CATEGORY_ROLES)
def categories(request: HttpRequest) -> HttpResponse:
    found = list(ReportCategory.objects.all())
    return render(request, "statistics/categories.html", {"categories": found})


@role_required(*CATEGORY_ROLES)
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    category = get_object_or_404(ReportCategory, pk=pk)
    form = CategoryForm(
        form_data(request), instance=category, initial={"version": versions.version_of(category)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"]
        try:
            versions.save(form.save(commit=False), expected)
        except versions.StaleVersion:
            form, conflict = versions.conflict(
                form, current=ReportCategory.objects.get(pk=pk), fields=["label_pl", "label_en", "profile_codes", "confirmed"]
            )  # fmt: skip
        else:
            audit.record(
                request=request, action="update", object_type="report_category", object_ids=[category.pk],
                details={"fields": sorted(form.changed_data)},
            )  # fmt: skip
            messages.success(request, _("The category is saved."))
            return redirect("statistics:categories")
    status = 400 if form.is_bound and request.method == "POST" else 200
    context = {"form": form, "category": category, "conflict": conflict}
    return render(request, "statistics/category_form.html", context, status=status)


@role_required(*STATISTICS_ROLES)
@require_http_methods(["GET", "POST"])
@once.creates
def exports(request: HttpRequest) -> HttpResponse:
    form = CaseExportForm(form_data(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        export = CaseExport.objects.create(
            created_by=request.user, purpose=form.cleaned_data["purpose"].strip(),
            fields=form.cleaned_data["fields"], file_format=form.cleaned_data["file_format"],
            expires_at=timezone.now() + case_export.VALID_FOR,
        )  # fmt: skip
        tasks.build_case_export.enqueue(export.pk)  # stored with this request, run by the worker
        messages.success(
            request, _("The export is being prepared. Only you can download it, once, within 24 hours.")
        )
        return redirect("statistics:exports")
    own = list(
        CaseExport.objects.filter(created_by=request.user)
        .only("pk", "created_at", "file_format", "status", "rows", "expires_at", "downloaded_at")
        .order_by("-created_at")[:20]
    )
    status = 400 if form.is_bound and request.method == "POST" else 200
    return render(
        request,
        "statistics/exports.html",
        {"form": form, "exports": own, "now": timezone.now()},
        status=status,
    )


@role_required(*STATISTICS_ROLES)
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_export_for(request, pk)
    data = case_export.decode(export.content)
    kind = export.file_format
    export.content, export.downloaded_at = "", timezone.now()
    export.save(update_fields=["content", "downloaded_at"])
    response = HttpResponse(data, content_type=DOWNLOADS[kind])
    response["Content-Disposition"] = f'attachment; filename="eksport-{export.created_at:%Y%m%d-%H%M}.{kind}"'
    return response
