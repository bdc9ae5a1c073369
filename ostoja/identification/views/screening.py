"""Screening pages: start, one page per dimension (interpreter mode), result, completion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data
from ostoja.identification import indicators, services
from ostoja.identification.access import get_screening_for, list_interpreters
from ostoja.identification.codes import (
    RTL_LANGUAGES,
    Answer,
    Dimension,
    ExploitationKind,
    LegalPath,
    MinorBasis,
    ScreeningStatus,
    Weight,
)
from ostoja.identification.forms import CorrectionForm, ScreeningStartForm, StepForm
from ostoja.identification.models import Representative
from ostoja.identification.views.common import file_context, record, worker_language
from ostoja.web import once


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def screening_start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.CHANGE, details={"form": "screening_start"})
    minor, basis = services.minor_status(case)
    person = case.person
    indicator_set = indicators.load()
    initial = {
        "token": once.new_token(),
        "language": person.preferred_language
        if person.preferred_language in indicator_set.languages
        else "pl",
        "interpreter_used": person.needs_interpreter,
    }
    switching = request.method == "POST" and request.POST.get("action") == "language"
    interpreters = list_interpreters(request, active_only=True, purpose="screening_start")
    if switching:
        # Only the texts' language changes: the form comes back as typed, without errors.
        form = ScreeningStartForm(
            initial={**initial, **request.POST.dict()}, age_known=minor, interpreters=interpreters
        )
    else:
        form = ScreeningStartForm(
            form_data(request), initial=initial, age_known=minor, interpreters=interpreters
        )
    language = form["language"].value() if form["language"].value() in indicator_set.languages else "pl"
    if request.method == "POST" and not switching and form.is_valid():
        data = form.cleaned_data
        try:
            screening = services.screening_start(
                case=case, actor=request.user, kind=data["kind"], language=data["language"],
                interpreter_used=data["interpreter_used"], minor=form.minor_answer(),
                safe_to_talk=data["safe_to_talk"] == "yes", in_pain=data["in_pain"] == "yes",
                needs_doctor=data["needs_doctor"] == "yes", consent=data["consent"],
                interpreter=form.chosen_interpreter(), interpreter_language=data["interpreter_language"],
                interpreter_agreement=data["interpreter_agreement"],
                interpreter_relation=data["interpreter_relation"],
            )  # fmt: skip
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            record(request, "create", "screening", screening.pk, case, {"list": screening.indicator_list})
            return redirect("identification:screening_step", pk=screening.pk, step=1)
    return render(
        request,
        "identification/screening_start.html",
        {
            "case": case,
            "form": form,
            "minor": minor,
            "minor_basis": MinorBasis(basis).label if basis else "",
            "phrases": indicator_set.phrases[language],
            "person_language": language,
            "person_dir": "rtl" if language in RTL_LANGUAGES else "ltr",
            **file_context(indicator_set),
        },
        status=400 if form.is_bound else 200,
    )


def _weight(entry) -> dict:
    """A weight as people read it: the word, and whether it is provisional and from which source."""
    language = worker_language()
    return {
        "code": entry.weight,
        "label": Weight(entry.weight).label,
        "provisional": entry.provisional,
        "source": entry.source.text(language),
    }


def _rows(form: StepForm, screening, language: str) -> list[dict]:
    indicator_set = indicators.load()
    phrases = indicator_set.phrases[screening.language]
    sexual = screening.kind == ExploitationKind.SEXUAL
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
                "staff": indicator.staff_text(language, sexual=sexual),
                "plain_staff": indicator.plain_text(language, sexual=sexual),
                "plain_person": indicator.plain_text(screening.language, sexual=sexual),
                "weight": _weight(indicator_set.entry(screening.indicator_list, indicator.code)),
                "sensitive": indicator.sensitive,
            }
        )
    return rows


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def screening_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    screening = get_screening_for(request, pk, Perm.CHANGE, details={"step": step})
    case = screening.case
    if not 1 <= step <= services.STEPS:
        raise Http404
    if not screening.is_open:
        messages.info(request, _("This screening is finished. Its answers are shown below."))
        return redirect("identification:screening_result", pk=pk)
    dimension = Dimension.values[step - 1]
    questions = indicators.load().for_list(screening.indicator_list, dimension)
    stored = services.screening_answers(screening)
    initial = {f"q_{code}": answer for code, answer in stored.items()} | {"notes": screening.notes}
    form = StepForm(form_data(request), questions=questions, initial=initial)
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
            "person_dir": "rtl" if screening.language in RTL_LANGUAGES else "ltr",
            "person_language_review": indicators.load().language_reviews[screening.language],
            "worker_phrases": indicators.load().phrases[language],
            "contradictions": [c.staff_text(language) for c in contradictions],
            "is_last": step == services.STEPS,
            "provisional_in_list": indicators.load().provisional_count(screening.indicator_list),
            **file_context(indicators.load()),
        },
        status=400 if form.is_bound else 200,
    )


@role_required(*STAFF)
def screening_result(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_screening_for(request, pk)
    case = screening.case
    language = worker_language()
    indicator_set = indicators.load()
    by_code = indicator_set.by_code()
    sexual = screening.kind == ExploitationKind.SEXUAL
    result = services.screening_result(screening)
    stored = services.screening_answers(screening)
    dimensions = []
    for dimension in result.ordered():
        fired = []
        for item in dimension.fired:
            entry = indicator_set.entry(screening.indicator_list, item.code)
            indicator = by_code.get(item.code)
            fired.append(
                {
                    "text": indicator.staff_text(language, sexual=sexual) if indicator else item.code,
                    "weight": {
                        "code": item.weight,
                        "label": Weight(item.weight).label,
                        "provisional": item.provisional,
                        "source": entry.source.text(language) if entry else "",
                    },
                }
            )
        dimensions.append({"result": dimension, "fired": fired})
    context = {
        "case": case,
        "screening": screening,
        "result": result,
        "dimensions": dimensions,
        "paths": [{"code": p, "label": LegalPath(p).label} for p in result.paths],
        # The view of answers that do not fit together serves the interview only; once it is over it
        # is not kept or shown as a record against the person.
        "contradictions": [c.staff_text(language) for c in indicator_set.contradictions_in(stored)]
        if screening.is_open
        else [],
        "minor_basis": MinorBasis(screening.minor_basis).label if screening.minor_basis else "",
        "guardian": Representative.objects.filter(case=case).first() if screening.minor else None,
        "corrections": [
            {
                "row": c,
                "question": by_code[c.code].staff_text(language, sexual=sexual)
                if c.code in by_code
                else c.code,
                "previous": Answer(c.previous).label if c.previous else _("Not asked"),
                "answer": Answer(c.answer).label if c.answer else _("Not asked"),
            }
            for c in screening.corrections.select_related("corrected_by")
        ],
        "provisional_in_list": indicator_set.provisional_count(screening.indicator_list),
        "other_version": screening.indicator_version != indicator_set.version,
        **file_context(indicator_set),
    }
    return render(request, "identification/screening_result.html", context)


@role_required(*STAFF)
@require_POST
def screening_complete(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_screening_for(request, pk, Perm.CHANGE, details={"form": "complete"})
    case = screening.case
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


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def screening_correct(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_screening_for(request, pk, Perm.CHANGE, details={"form": "correct"})
    case = screening.case
    if screening.is_open:
        messages.info(request, _("The screening is still open: change the answer on its page."))
        return redirect("identification:screening_step", pk=pk, step=screening.last_step)
    language = worker_language()
    sexual = screening.kind == ExploitationKind.SEXUAL
    questions = [
        (i.code, f"{Dimension(i.dimension).label}: {i.staff_text(language, sexual=sexual)}")
        for i in indicators.load().for_list(screening.indicator_list)
    ]
    form = CorrectionForm(form_data(request), questions=questions, initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            correction = services.answer_correct(
                screening=screening, code=data["code"], answer=data["answer"], reason=data["reason"],
                actor=request.user,
            )  # fmt: skip
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            record(request, "update", "screening", screening.pk, case, {"corrected": correction.code})
            messages.success(request, _("The answer is corrected; the reason is kept with the screening."))
            return redirect("identification:screening_result", pk=pk)
    return render(
        request,
        "identification/screening_correct.html",
        {"case": case, "screening": screening, "form": form},
        status=400 if form.is_bound else 200,
    )
