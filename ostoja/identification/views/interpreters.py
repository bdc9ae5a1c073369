"""The centre's list of interpreters: every member of staff sees it, supervisors add and retire."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF, Role
from ostoja.audit import services as audit
from ostoja.http import form_data
from ostoja.identification import services
from ostoja.identification.access import get_interpreter_for, list_interpreters
from ostoja.identification.forms import InterpreterForm
from ostoja.identification.models import Interpreter
from ostoja.web import once


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def interpreters(request: HttpRequest) -> HttpResponse:
    manages = request.user.has_role(Role.SUPERVISOR)
    form = None
    if manages:
        form = InterpreterForm(form_data(request), initial={"token": once.new_token()})
        if request.method == "POST" and form.is_valid():
            added = services.interpreter_add(interpreter=form.save(commit=False), actor=request.user)
            audit.record(request=request, action="create", object_type="interpreter", object_ids=[added.pk])
            messages.success(request, _("The interpreter is on the list."))
            return redirect("identification:interpreters")
    elif request.method == "POST":
        raise PermissionDenied
    rows = list_interpreters(request, active_only=False, purpose="list")
    return render(
        request,
        "identification/interpreters.html",
        {"interpreters": rows, "form": form, "manages": manages},
        status=400 if form is not None and form.errors else 200,
    )


@role_required(Role.SUPERVISOR)
@require_POST
def interpreter_availability(request: HttpRequest, pk: int) -> HttpResponse:
    interpreter: Interpreter = get_interpreter_for(request, pk)
    active = request.POST.get("active") == "1"
    services.interpreter_set_active(interpreter=interpreter, active=active)
    audit.record(
        request=request,
        action="update",
        object_type="interpreter",
        object_ids=[pk],
        details={"active": active},
    )
    messages.success(
        request,
        _("The interpreter can be chosen again.") if active else _("The interpreter is no longer offered."),
    )
    return redirect("identification:interpreters")
