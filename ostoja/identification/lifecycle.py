"""Identification's part in the data lifecycle: the answers of screenings in the retention schedule
(removed when due; the screening's kind, list and recommendation stay for the statistics), and a
person's screenings and identification status in their own copy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.naming import by_time
from ostoja.identification import indicators
from ostoja.identification.models import IdentificationStatusChange, Screening
from ostoja.plugins import RetentionKind, StaffRef, SubjectRecord, SubjectSection, Withheld


def _due(cutoff: dt.date):
    end = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))
    return (
        Screening.objects.filter(finished_at__lt=end, case__status__in=CLOSED_STATUSES, answers__isnull=False)
        .distinct()
        .annotate(retention_start=F("finished_at"))
    )


def remove_answers(ids: list[int], actor: Any, reason: str) -> int:
    """Deletes the answers, their corrections and the notes of these screenings."""
    done = 0
    with transaction.atomic():
        for screening in Screening.objects.filter(pk__in=ids):
            screening.answers.all().delete()
            screening.corrections.all().delete()
            screening.notes = ""
            screening.save(update_fields=["notes"])
            done += 1
    return done


BASIS = gettext_lazy(
    "GDPR art. 5(1)(c) and (e), art. 9: the answers are special-category data needed for the "
    "identification; once the case is closed and the period has passed only the outcome is kept — provisional."
)

RETENTION = [
    RetentionKind(
        "screening_answers", gettext_lazy("Screening answers"), "screening", "anonymise", BASIS, _due,
        by_time(Screening, "finished_at", lambda: _("screening of %(when)s"), "case__number"),
        carry_out=remove_answers, order=30,
        note=gettext_lazy("From the day the screening was finished, once its case is closed; the recommendation stays."),
    ),
]  # fmt: skip


def subject_data(person: Any) -> list[SubjectSection]:
    language = (get_language() or "pl")[:2]
    by_code = indicators.load().by_code()
    records = []
    screenings = Screening.objects.filter(case__person=person).select_related(
        "case", "started_by", "interpreter"
    )
    for screening in screenings.order_by("started_at", "pk").prefetch_related("answers"):
        fields: list[tuple[Any, Any]] = [
            (_("started"), screening.started_at), (_("finished"), screening.finished_at),
            (_("form of exploitation asked about"), screening.get_kind_display()),
            (_("status"), screening.get_status_display()),
            (_("recommendation"), screening.get_recommendation_display()),
            (_("interpreter"), Withheld(_("the interpreter's name")) if screening.interpreter_id else ""),
            (_("asked by"), StaffRef(screening.started_by, _("a member of staff"))),
            (_("notes"), screening.notes),
        ]  # fmt: skip
        for answer in sorted(screening.answers.all(), key=lambda a: a.code):
            indicator = by_code.get(answer.code)
            question = indicator.staff_text(language) if indicator else answer.code
            fields.append((question, answer.get_answer_display()))
        records.append(
            SubjectRecord(
                _("Screening in case %(number)s") % {"number": screening.case.number},
                fields,
                ("screening", screening.pk),
            )
        )
    changes = IdentificationStatusChange.objects.filter(case__person=person).select_related("case")
    for change in changes.order_by("requested_at", "pk"):
        records.append(
            SubjectRecord(
                _("Identification status in case %(number)s") % {"number": change.case.number},
                [
                    (_("identification status"), change.get_status_display()),
                    (_("requested"), change.requested_at),
                    (_("confirmation"), change.get_review_display()),
                    (_("grounds for the decision"), change.grounds),
                    (_("authority"), change.get_authority_display()),
                    (_("date of the authority's decision"), change.decided_on),
                    (_("authority's case reference"), change.reference),
                ],
                ("identification_status", change.pk),
            )
        )
    return [SubjectSection("identification", _("Screenings and identification"), records, order=20)]
