"""The import page: a supervisor uploads a CTDC or HTCDS file; the background worker imports it.

The file is checked as a whole on upload (CSV, UTF-8, the header, at least one row): a refusal is
shown next to the file field and nothing is stored. An accepted file waits encrypted for the worker
(``tasks.import_file``); its page shows the progress (polled, without counting as activity) and at
the end the rows refused, by number and reason. The same file again adds nothing; a file whose
import stopped resumes where it stopped.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.http import form_data, form_files
from ostoja.statistics import case_export, imports, tasks
from ostoja.statistics.access import IMPORT_ROLES
from ostoja.statistics.import_forms import ImportForm
from ostoja.statistics.models import ImportRun, ImportStatus, ImportUpload
from ostoja.web import once
from ostoja.web.templatetags.ostoja import when

LISTED = 20
SHOWN_REFUSALS = 200


def _queue(request: HttpRequest, form: ImportForm) -> ImportRun:
    """The run of the file (new, or the one it stopped in), with the file waiting for the worker."""
    source, data = form.cleaned_data["source"], form.content
    name = (form.cleaned_data["file"].name or "import.csv")[:300]
    # One run per file, also when two colleagues send the same new file at once (the second waits for
    # the first's row and takes it, instead of failing on the unique key).
    run, created = ImportRun.objects.get_or_create(
        source=source, file_sha256=hashlib.sha256(data).hexdigest(),
        defaults={"file_name": name, "rows_total": form.rows, "started_by": request.user,
                  "status": ImportStatus.QUEUED},
    )  # fmt: skip
    if not created:
        run.status, run.error = ImportStatus.QUEUED, ""
        run.save(update_fields=["status", "error"])
    ImportUpload.objects.filter(run=run).delete()
    ImportUpload.objects.create(run=run, content=case_export.encode(data), year=form.cleaned_data["year"])
    audit.record(
        request=request, action="create", object_type="statistics_import", object_ids=[run.pk],
        details={"source": source, "file": name, "sha256": run.file_sha256, "rows": form.rows, "uploaded": True},
    )  # fmt: skip
    tasks.import_file.enqueue(run.pk)  # stored with this request's transaction, run by the worker
    return run


@role_required(*IMPORT_ROLES)
@require_http_methods(["GET", "POST"])
@once.creates
def imports_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(form_data(request), form_files(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        done = imports.find_run(form.content, form.cleaned_data["source"])
        if done is not None and done.status == ImportStatus.COMPLETE:
            messages.info(
                request,
                _("This file was imported completely on %(when)s: nothing was added.")
                % {"when": when(done.finished_at)},
            )
            return redirect("statistics:import_run", pk=done.pk)
        if (
            done is not None
            and done.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
            and (ImportUpload.objects.filter(run=done).exists())
        ):
            messages.info(request, _("This file is being imported already."))
            return redirect("statistics:import_run", pk=done.pk)
        run = _queue(request, form)
        messages.success(request, _("The file is accepted and is being imported in the background."))
        return redirect("statistics:import_run", pk=run.pk)
    recent = list(
        ImportRun.objects.select_related("started_by").defer("refusals", "refusal_counts")
        .order_by("-started_at")[:LISTED]
    )  # fmt: skip
    status = 400 if form.is_bound and request.method == "POST" else 200
    return render(request, "statistics/imports.html", {"form": form, "runs": recent}, status=status)


@role_required(*IMPORT_ROLES)
@require_http_methods(["GET"])
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of one import and, at the end, its report (counts, row numbers and reasons only)."""
    run = get_object_or_404(ImportRun.objects.select_related("started_by"), pk=pk)
    done = run.next_row - 1
    percent = min(done * 100 // run.rows_total, 100) if run.rows_total else 100
    working = run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
    by_column = sorted(run.refusal_counts.items(), key=lambda item: (-item[1], item[0]))
    context = {
        "run": run, "done": done, "percent": percent, "working": working,
        "refusals": run.refusals[:SHOWN_REFUSALS], "more_refusals": max(run.refused - SHOWN_REFUSALS, 0),
        "by_column": [("" if column == "row" else column, n) for column, n in by_column],
    }  # fmt: skip
    return render(request, "statistics/import_run.html", context)
