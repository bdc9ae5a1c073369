"""Rules of identification that span records: screenings, status changes and their confirmation,
the profile, the minor flag and checklists."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja.accounts.roles import Role
from ostoja.cases import services as case_services
from ostoja.cases.codes import RiskFlag
from ostoja.cases.models import Case
from ostoja.identification import indicators, scoring
from ostoja.identification.codes import (
    NEEDS_CONFIRMATION,
    TRANSITIONS,
    Answer,
    IdStatus,
    Review,
    ScreeningStatus,
    indicator_list,
)
from ostoja.identification.models import (
    ChecklistRecord,
    ExploitationProfile,
    IdentificationStatusChange,
    JourneyCountry,
    Representative,
    Screening,
    ScreeningAnswer,
)
from ostoja.people.services import StaleVersion

STEPS = 6  # one page per Delphi dimension


# --- Minors ----------------------------------------------------------------------------------------


def is_minor_case(case: Case) -> bool:
    """A minor now, or a minor when exploited: the child rules apply."""
    if case.person.is_minor:
        return True
    return ExploitationProfile.objects.filter(case=case, minor_at_time=True).exists()


@transaction.atomic
def ensure_minor_flag(*, case: Case, actor) -> bool:
    """Adds the "minor" risk flag to the case (with its field history); True if it was added."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if RiskFlag.MINOR in (case.risk_flags or []):
        return False
    before = case_services.case_snapshot(case)
    case.risk_flags = [*(case.risk_flags or []), RiskFlag.MINOR]
    case_services.case_update(case=case, actor=actor, expected_version=case.version, before=before)
    return True


# --- Screenings ------------------------------------------------------------------------------------


@transaction.atomic
def screening_start(
    *, case: Case, actor, kind: str, language: str, interpreter_used: bool, minor: bool
) -> Screening:
    minor = minor or is_minor_case(case)
    screening = Screening(
        case=case,
        kind=kind,
        indicator_list=indicator_list(kind, minor=minor),
        minor=minor,
        language=language,
        interpreter_used=interpreter_used,
        indicator_version=indicators.load().version,
        started_by=actor,
    )
    screening.full_clean()
    screening.save()
    if minor:
        ensure_minor_flag(case=case, actor=actor)
    return screening


@transaction.atomic
def screening_save(*, screening: Screening, answers: dict[str, str], notes: str, step: int) -> Screening:
    """Stores the answers of one step ("" removes an answer) and the notes; the screening stays open."""
    if not screening.is_open:
        raise ValidationError(_("This screening is finished; its answers can no longer be changed."))
    known = {i.code: i for i in indicators.load().for_list(screening.indicator_list)}
    unknown = [code for code in answers if code not in known]
    if unknown:
        raise ValidationError(_("Unknown questions: %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
    bad = [code for code, answer in answers.items() if answer and answer not in Answer.values]
    if bad:
        raise ValidationError(_("Unknown answers to: %(codes)s.") % {"codes": ", ".join(sorted(bad))})
    cleared = [code for code, answer in answers.items() if not answer]
    ScreeningAnswer.objects.filter(screening=screening, code__in=cleared).delete()
    for code, answer in answers.items():
        if answer:
            indicator = known[code]
            ScreeningAnswer.objects.update_or_create(
                screening=screening,
                code=code,
                defaults={
                    "answer": answer,
                    "dimension": indicator.dimension,
                    "weight": indicator.weight_in(screening.indicator_list),
                },
            )
    screening.notes = notes.strip()
    screening.last_step = max(1, min(step, STEPS))
    screening.save(update_fields=["notes", "last_step", "updated_at"])
    return screening


def screening_answers(screening: Screening) -> dict[str, str]:
    return dict(screening.answers.values_list("code", "answer"))


def screening_result(screening: Screening, answers: dict[str, str] | None = None) -> scoring.Result:
    """Scores the screening: stored answers with their stored weights, plus the unanswered questions."""
    stored = {a.code: a for a in screening.answers.all()} if answers is None else None
    items = []
    for indicator in indicators.load().for_list(screening.indicator_list):
        if stored is not None and indicator.code in stored:
            row = stored[indicator.code]
            items.append(scoring.Item(row.code, row.dimension, row.weight, row.answer))
        else:
            answer = (answers or {}).get(indicator.code, "")
            items.append(
                scoring.Item(
                    indicator.code, indicator.dimension, indicator.weight_in(screening.indicator_list), answer
                )
            )
    return scoring.evaluate(items, minor=screening.minor)


@transaction.atomic
def screening_finish(*, screening: Screening, status: str) -> Screening:
    """Completes the screening, or records that the person stopped it; the recommendation is kept."""
    if status not in (ScreeningStatus.COMPLETED, ScreeningStatus.STOPPED):
        raise ValueError(status)
    if not screening.is_open:
        raise ValidationError(_("This screening is already finished."))
    screening.status = status
    screening.recommendation = screening_result(screening).recommendation
    screening.finished_at = timezone.now()
    screening.save(update_fields=["status", "recommendation", "finished_at", "updated_at"])
    return screening


# --- Identification status -------------------------------------------------------------------------


def current_status(case: Case) -> IdentificationStatusChange | None:
    return (
        IdentificationStatusChange.objects.effective()
        .filter(case=case)
        .order_by("-effective_at", "-pk")
        .first()
    )


def pending_change(case: Case) -> IdentificationStatusChange | None:
    return IdentificationStatusChange.objects.pending().filter(case=case).first()


def allowed_next(case: Case) -> tuple[str, ...]:
    current = current_status(case)
    return TRANSITIONS[current.status if current else ""]


@transaction.atomic
def status_request(*, change: IdentificationStatusChange, actor) -> IdentificationStatusChange:
    """Records a status change; a preliminary identification or "not confirmed" waits for a supervisor.

    Refused (ValidationError) when another change is waiting, when the move is not allowed from the
    current status, or when the fields the new status needs are missing.
    """
    case = Case.objects.select_for_update().get(pk=change.case_id)
    if pending_change(case):
        raise ValidationError(
            _(
                "A status change for this case is waiting for a supervisor's confirmation. It must be confirmed or rejected first."
            )
        )
    current = current_status(case)
    previous = current.status if current else ""
    if change.status not in TRANSITIONS[previous]:
        raise ValidationError(
            {
                "status": _("The case cannot move from “%(current)s” to “%(new)s”.")
                % {
                    "current": IdStatus(previous).label if previous else _("no status"),
                    "new": IdStatus(change.status).label,
                }
            }
        )
    if change.screening_id and change.screening.case_id != case.pk:
        raise ValidationError({"screening": _("The screening belongs to another case.")})
    change.previous_status = previous
    change.requested_by = actor
    change.requested_at = timezone.now()
    if change.status in NEEDS_CONFIRMATION:
        change.review = Review.PENDING
    else:
        change.review = Review.NOT_NEEDED
        change.effective_at = change.requested_at
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def status_review(
    *, change: IdentificationStatusChange, actor, confirm: bool, note: str = ""
) -> IdentificationStatusChange:
    """A supervisor other than the requester confirms or rejects a waiting change."""
    change = IdentificationStatusChange.objects.select_for_update().get(pk=change.pk)
    if change.review != Review.PENDING:
        raise ValidationError(_("This change has already been reviewed."))
    if not actor.has_role(Role.SUPERVISOR):
        raise ValidationError(_("Only a supervisor can confirm or reject this change."))
    if actor.pk == change.requested_by_id:
        raise ValidationError(_("Another supervisor must review a change you asked for yourself."))
    if not confirm and not note.strip():
        raise ValidationError({"note": _("Say why the change is rejected.")})
    if confirm:
        current = current_status(change.case)
        previous = current.status if current else ""
        if change.status not in TRANSITIONS[previous]:
            raise ValidationError(
                _("The case's status changed meanwhile; this request no longer applies. Reject it.")
            )
    now = timezone.now()
    change.review = Review.CONFIRMED if confirm else Review.REJECTED
    change.reviewed_by = actor
    change.reviewed_at = now
    change.review_note = note.strip()
    if confirm:
        change.effective_at = now
    change.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_note", "effective_at"])
    return change


# --- Profile, representative, checklist -------------------------------------------------------------


@transaction.atomic
def profile_save(
    *, profile: ExploitationProfile, journey: list[JourneyCountry], actor, expected_version: int | None
) -> ExploitationProfile:
    """Saves the profile and replaces its countries; refuses to overwrite a save made meanwhile.

    ``expected_version`` is the version the form was shown with: 0 for a profile not yet saved.
    """
    case = Case.objects.select_for_update().select_related("person").get(pk=profile.case_id)
    saved = ExploitationProfile.objects.filter(case=case).only("pk", "version").first()
    if (saved.version if saved else 0) != (expected_version or 0):
        raise StaleVersion
    profile.pk = saved.pk if saved else None
    profile.version = (expected_version or 0) + 1
    profile.updated_by = actor
    profile.full_clean(validate_unique=False)
    profile.save()
    profile.journey.all().delete()
    for row in journey:
        row.profile = profile
        row.full_clean()
    JourneyCountry.objects.bulk_create(journey)
    if profile.minor_at_time or case.person.is_minor:
        ensure_minor_flag(case=case, actor=actor)
    return profile


@transaction.atomic
def representative_save(*, representative: Representative, actor) -> Representative:
    representative.updated_by = actor
    representative.full_clean()
    representative.save()
    return representative


@transaction.atomic
def checklist_attach(*, case: Case, actor, items: list[str]) -> ChecklistRecord:
    known = {item.code for item in indicators.load().checklist}
    if not items or any(code not in known for code in items):
        raise ValidationError(_("Tick at least one indicator from the list."))
    record = ChecklistRecord(
        case=case, items=sorted(set(items)), indicator_version=indicators.load().version, recorded_by=actor
    )
    record.full_clean()
    record.save()
    return record
