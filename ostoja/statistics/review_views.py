"""The case manager's review of the ministry's questionnaire, per case.

The page shows the 20 variables with what the case gives (in words, read-only, with where each comes
from) and a form for the answers the case does not hold (codes only, ``QuestionnaireAnswers``), with
the mark that the questionnaire was reviewed complete. Only those who may change the case open it
(``cases.access``: every look audited there); a save over a newer version keeps what was chosen and
shows what was saved meanwhile.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data
from ostoja.statistics import questionnaire as ministry
from ostoja.statistics.models import QuestionnaireAnswers
from ostoja.statistics.review_forms import QuestionnaireForm

EDIT = Perm.CHANGE


def _rows(case, form: QuestionnaireForm) -> list[dict]:
    derived, completed = ministry.for_case(case)
    rows = []
    for variable in (ministry.STATUS, *ministry.VARIABLES):
        names = [name for name in ministry.COMPLETED.get(variable.code, ()) if name in form.fields]
        rows.append({
            "variable": variable,
            "derived": "; ".join(derived.get(variable.code, [])) if variable.derived else "",
            "completed": "; ".join(completed.get(variable.code, [])),
            "fields": [form[name] for name in names],
        })  # fmt: skip
    return rows


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_questionnaire(request: HttpRequest, case_pk: int) -> HttpResponse:
    found: dict[str, QuestionnaireAnswers | None] = {}

    def shows(case) -> list[tuple[str, int]]:
        found["answers"] = (
            QuestionnaireAnswers.objects.select_related("reviewed_by", "updated_by").filter(case=case).first()
        )
        return [("questionnaire", found["answers"].pk)] if found["answers"] else []

    case = get_case_for(request, case_pk, EDIT, details={"form": "questionnaire"}, shows=shows)
    answers = found["answers"] or QuestionnaireAnswers(case=case)
    answers.case = case
    ask_age = not case.person.age_band
    form = QuestionnaireForm(
        form_data(request),
        instance=answers,
        ask_age=ask_age,
        initial={"version": versions.version_of(answers)},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed in the questionnaire."))
            return redirect("cases:case_detail", pk=case.pk)
        saved = form.save(commit=False)
        saved.updated_by = request.user
        if not form.cleaned_data["reviewed"]:
            saved.reviewed_by, saved.reviewed_at = None, None
        elif saved.reviewed_at is None or set(form.changed_data) - {"reviewed"}:
            saved.reviewed_by, saved.reviewed_at = request.user, timezone.now()
        try:
            versions.save(saved, form.cleaned_data.get("version"))
        except versions.StaleVersion:
            # Saved meanwhile, or (a version from nowhere) never saved: compared with what is there.
            current = QuestionnaireAnswers.objects.filter(case=case).first() or QuestionnaireAnswers(
                case=case
            )
            names = [name for name in form.fields if name not in ("version", "reviewed")]
            form, conflict = versions.conflict(
                form, current=current, fields=names,
                make_form=lambda data: QuestionnaireForm(data, instance=current, ask_age=ask_age),
                message=_("Someone else saved this questionnaire while you were editing. Your answers are "
                          "kept below: check them against the saved ones and save again."),
            )  # fmt: skip
            for name in ministry.COUNTRY_FIELDS & set(conflict["current"]):
                conflict["current"][name] = ministry.answer_label(name, getattr(current, name))
        else:
            audit.record(
                request=request, action="update", object_type="questionnaire", object_ids=[saved.pk],
                related=[("case", case.pk), ("person", case.person_id)],
                details={"fields": sorted(form.changed_data), "reviewed": saved.reviewed_at is not None},
            )  # fmt: skip
            messages.success(
                request,
                _("The questionnaire is saved and marked reviewed.")
                if saved.reviewed_at
                else _("The questionnaire is saved; it is not marked reviewed yet."),
            )
            return redirect("cases:case_detail", pk=case.pk)
    shown = found["answers"] if conflict is None else QuestionnaireAnswers.objects.filter(case=case).first()
    context = {"case": case, "form": form, "rows": _rows(case, form), "answers": shown, "conflict": conflict}
    return render(
        request, "statistics/case_questionnaire.html", context, status=400 if form.is_bound else 200
    )
