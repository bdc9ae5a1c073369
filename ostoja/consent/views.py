"""The consents of a case's person: the list, recording one, withdrawing one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for
from ostoja.consent import services
from ostoja.consent.access import get_consent_for
from ostoja.consent.forms import ConsentForm, WithdrawForm
from ostoja.consent.models import Consent
from ostoja.http import form_data
from ostoja.web import once


def _record(request: HttpRequest, action: str, consent: Consent, details=None) -> None:
    audit.record(
        request=request, action=action, object_type="consent", object_ids=[consent.pk],
        related=[("case", consent.case_id), ("person", consent.person_id)], details=details or {},
    )  # fmt: skip


def _consents_of(case) -> list[Consent]:
    return list(
        Consent.objects.filter(person_id=case.person_id)
        .select_related("partner", "recorded_by")
        .order_by("-given_on", "-pk")[:200]
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def case_consents(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The person's consents and, for whoever may change the case, the form to record one."""
    shown: list[Consent] = []

    def shows(case):
        shown.extend(_consents_of(case))
        return [("consent", c.pk) for c in shown]

    need = Perm.CHANGE if request.method == "POST" else Perm.VIEW
    case = get_case_for(request, case_pk, need, details={"page": "consents"}, shows=shows)
    form = None
    if case.access.can(Perm.CHANGE):
        form = ConsentForm(
            form_data(request), instance=Consent(case=case), initial={"token": once.new_token()}
        )
        if request.method == "POST" and form.is_valid():
            consent = services.consent_record(consent=form.instance, actor=request.user)
            _record(request, "create", consent, {"scope": consent.scope})
            messages.success(request, _("The consent is recorded."))
            return redirect("consent:case_consents", case_pk=case.pk)
    status = 400 if form is not None and form.is_bound else 200
    context = {"case": case, "consents": shown, "form": form, "may_change": case.access.can(Perm.CHANGE)}
    return render(request, "consent/case_consents.html", context, status=status)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_consent_for(request, pk, Perm.CHANGE, details={"form": "withdraw"})
    if not consent.in_force:
        messages.info(request, _("This consent was already withdrawn."))
        return redirect("consent:case_consents", case_pk=consent.case_id)
    form = WithdrawForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        stopped = services.consent_withdraw(
            consent=consent, actor=request.user, note=form.cleaned_data["note"]
        )
        _record(request, "update", consent, {"withdrawn": True, "stopped": len(stopped)})
        messages.success(
            request,
            _("The consent is withdrawn; the case manager is told. Stopped because of it: %(n)s.")
            % {"n": len(stopped)},
        )
        return redirect("consent:case_consents", case_pk=consent.case_id)
    return render(
        request, "consent/withdraw.html", {"consent": consent, "case": consent.case, "form": form},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
