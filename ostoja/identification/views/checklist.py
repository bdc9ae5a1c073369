"""The quick indicator checklist for hotline calls: computes on the spot, stores nothing unless
the worker attaches it to a case they have full access to."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.cases.access import Perm, find_case_for
from ostoja.http import form_data
from ostoja.identification import indicators, services
from ostoja.identification.forms import ChecklistForm
from ostoja.identification.views.common import record, worker_language

CHECKLIST_ROLES = (Role.DUTY_WORKER, Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR)


@role_required(*CHECKLIST_ROLES)
@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest) -> HttpResponse:
    language = worker_language()
    form = ChecklistForm(form_data(request), language=language)
    summary = None
    if request.method == "POST" and form.is_valid():
        ticked = form.ticked()
        items = {i.code: i for i in indicators.load().checklist}
        summary = {
            "ilo": [items[c].staff_text(language) for c in ticked if items[c].group == "ilo"],
            "unodc": [items[c].staff_text(language) for c in ticked if items[c].group != "ilo"],
            "total": len(ticked),
        }
        number = form.cleaned_data["case_number"].strip()
        if number:
            case = find_case_for(request, number, Perm.CHANGE, details={"form": "checklist"})
            if case is None:
                form.add_error("case_number", _("You can attach the checklist only to a case you work on."))
            elif not ticked:
                form.add_error(
                    None, _("Tick at least one indicator before attaching the checklist to a case.")
                )
            else:
                saved = services.checklist_attach(case=case, actor=request.user, items=ticked)
                record(request, "create", "checklist", saved.pk, case, {"items": len(ticked)})
                messages.success(
                    request, _("The checklist is attached to case %(number)s.") % {"number": case.number}
                )
                summary["case"] = case
    return render(
        request,
        "identification/checklist.html",
        {"form": form, "summary": summary},
        status=400 if form.errors else 200,
    )
