"""Screening pages: start, one page per dimension (interpreter mode), result, completion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.cases.access import get_case_for
from ostoja.identification import indicators, services
from ostoja.identification.codes import Answer, Dimension, ScreeningStatus
from ostoja.identification.forms import ScreeningStartForm, StepForm
from ostoja.identification.views.common import STAFF, record, screening_for, worker_language
from ostoja.web import once


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def screening_start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk)
    minor = services.is_minor_case(case)
    person = case.person
    initial = {
        "token": once.new_token(),
        "language": person.preferred_language
        if person.preferred_language in indicators.load().languages
        else "pl",
        "interpreter_used": person.needs_interpreter,
        "minor": minor,
    }
    form = ScreeningStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = once.already_submitted(form.cleaned_data["token"])
        if done:
            return redirect(done)
        screening = services.screening_start(
            case=case, actor=request.user, kind=form.cleaned_data["kind"], language=form.cleaned_data["language"],
            interpreter_used=form.cleaned_data["interpreter_used"], minor=form.cleaned_data["minor"],
        )  # fmt: skip
        url = reverse("identification:screening_step", args=[screening.pk, 1])
        if not once.claim(form.cleaned_data["token"], url):
            transaction.set_rollback(True)
            return redirect(
                once.already_submitted(form.cleaned_data["token"]) or "cases:case_detail", pk=case.pk
            )
        record(request, "create", "screening", screening.pk, case, {"list": screening.indicator_list})
        return redirect(url)
    return render(
        request, "identification/screening_start.html", {"case": case, "form": form, "minor": minor}
    )


def _rows(form: StepForm, screening, language: str) -> list[dict]:
    phrases = indicators.load().phrases[screening.language]
    answer_labels = {
        Answer.YES: phrases["yes"], Answer.NO: phrases["no"],
        Answer.UNKNOWN: phrases["unknown"], Answer.DECLINED: phrases["declined"],
    }  # fmt: skip
    rows = []
    for n, indicator in enumerate(form.questions, start=1):
        field = form[f"q_{indicator.code}"]
        rows.append(
            {
                "number": n,
                "indicator": indicator,
                "field": field,
                "options": [
                    {"widget": option, "person": answer_labels.get(option.data["value"], "")}
                    for option in field.subwidgets
                ],
                "staff": indicator.staff_text(language),
                "plain_staff": indicator.plain[language],
                "plain_person": indicator.plain[screening.language],
                "weight": indicator.weight_in(screening.indicator_list),
            }
        )
    return rows


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def screening_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    if not 1 <= step <= services.STEPS:
        raise Http404
    screening, case = screening_for(request, pk, action="")
    if not screening.is_open:
        messages.info(request, _("This screening is finished. Its answers are shown below."))
        return redirect("identification:screening_result", pk=pk)
    dimension = Dimension.values[step - 1]
    questions = indicators.load().for_list(screening.indicator_list, dimension)
    stored = services.screening_answers(screening)
    initial = {f"q_{code}": answer for code, answer in stored.items()} | {"notes": screening.notes}
    form = StepForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "next")
        try:
            services.screening_save(
                screening=screening, answers=form.answers(), notes=form.cleaned_data["notes"], step=step
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            record(request, "update", "screening", screening.pk, case, {"step": step})
            if action == "stop":
                services.screening_finish(screening=screening, status=ScreeningStatus.STOPPED)
                messages.warning(
                    request,
                    _("The screening was stopped at the person's request. Every answer given is saved."),
                )
                return redirect("identification:screening_result", pk=pk)
            if action == "pause":
                messages.success(
                    request, _("Saved. You can continue this screening later from the case page.")
                )
                return redirect("cases:case_detail", pk=case.pk)
            if action == "back":
                return redirect("identification:screening_step", pk=pk, step=max(1, step - 1))
            if step < services.STEPS:
                return redirect("identification:screening_step", pk=pk, step=step + 1)
            return redirect("identification:screening_result", pk=pk)
    record(request, "view", "screening", screening.pk, case, {"step": step})
    language = worker_language()
    contradictions = indicators.load().contradictions_in(stored)
    return render(
        request,
        "identification/screening_step.html",
        {
            "case": case,
            "screening": screening,
            "form": form,
            "step": step,
            "steps": [(n, Dimension.labels[n - 1]) for n in range(1, services.STEPS + 1)],
            "dimension_label": Dimension.labels[step - 1],
            "rows": _rows(form, screening, language),
            "phrases": indicators.load().phrases[screening.language],
            "worker_phrases": indicators.load().phrases[language],
            "contradictions": [c.staff_text(language) for c in contradictions],
            "is_last": step == services.STEPS,
        },
        status=400 if form.is_bound else 200,
    )


@role_required(*STAFF)
def screening_result(request: HttpRequest, pk: int) -> HttpResponse:
    screening, case = screening_for(request, pk)
    language = worker_language()
    indicator_set = indicators.load()
    by_code = indicator_set.by_code()
    result = services.screening_result(screening)
    stored = services.screening_answers(screening)
    dimensions = []
    for dimension in result.ordered():
        dimensions.append(
            {
                "result": dimension,
                "fired": [
                    {
                        "text": by_code[item.code].staff_text(language)
                        if item.code in by_code
                        else item.code,
                        "weight": item.weight,
                    }
                    for item in dimension.fired
                ],
            }
        )
    context = {
        "case": case,
        "screening": screening,
        "result": result,
        "dimensions": dimensions,
        "contradictions": [c.staff_text(language) for c in indicator_set.contradictions_in(stored)],
        "unanswered": result.questions - len(stored),
        "other_version": screening.indicator_version != indicator_set.version,
    }
    return render(request, "identification/screening_result.html", context)


@role_required(*STAFF)
@require_POST
def screening_complete(request: HttpRequest, pk: int) -> HttpResponse:
    screening, case = screening_for(request, pk, action="")
    try:
        services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        record(request, "update", "screening", screening.pk, case, {"status": "completed"})
        messages.success(
            request, _("The screening is complete. Record the decision when the team has made it.")
        )
    return redirect("identification:screening_result", pk=pk)
