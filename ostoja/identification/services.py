"""Rules of identification that span records: screenings, status changes and their confirmation,
the profile, the minor flag and checklists."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja import versions
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
    MinorBasis,
    Review,
    ScreeningStatus,
    indicator_list,
)
from ostoja.identification.models import (
    AnswerCorrection,
    ChecklistRecord,
    ExploitationProfile,
    IdentificationStatusChange,
    Interpreter,
    JourneyCountry,
    Representative,
    Screening,
    ScreeningAnswer,
)

STEPS = 6  # one page per Delphi dimension


# --- Minors ----------------------------------------------------------------------------------------


# An estimated age this close to 18 leaves the age uncertain: the person is presumed a minor.
UNCERTAIN_ESTIMATE_UNTIL = 21


def _years(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def minor_status(case: Case) -> tuple[bool | None, str]:
    """Whether the child rules apply, and why; ``(None, "")`` when nothing tells the age.

    The date of birth decides when known; otherwise the estimated age, and an estimate under
    ``UNCERTAIN_ESTIMATE_UNTIL`` leaves the age uncertain, so the person is presumed a minor until
    the age is assessed (art. 10 of the EU anti-trafficking directive; the Polish rules on the
    presumption of minority). A minor at the time of exploitation is a minor for these rules.
    """
    person = case.person
    at_time = ExploitationProfile.objects.filter(case=case, minor_at_time=True).exists()
    if person.date_of_birth:
        if _years(person.date_of_birth, timezone.localdate()) < 18:
            return True, MinorBasis.DATE_OF_BIRTH
    elif person.estimated_age is not None:
        if person.estimated_age < 18:
            return True, MinorBasis.ESTIMATED_AGE
        if person.estimated_age < UNCERTAIN_ESTIMATE_UNTIL:
            return True, MinorBasis.PRESUMED
    elif person.is_minor:
        return True, MinorBasis.MARKED
    if at_time:
        return True, MinorBasis.AT_TIME
    if person.is_minor:
        return True, MinorBasis.MARKED
    if person.date_of_birth or person.estimated_age is not None:
        return False, MinorBasis.ADULT
    return None, ""


def is_minor_case(case: Case) -> bool:
    """A minor now, or when exploited, or presumed one: the child rules apply."""
    return bool(minor_status(case)[0])


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
    *,
    case: Case,
    actor,
    kind: str,
    language: str,
    interpreter_used: bool,
    minor: bool | None,
    safe_to_talk: bool,
    in_pain: bool,
    needs_doctor: bool,
    consent: bool,
    interpreter: Interpreter | None = None,
    interpreter_language: str = "",
    interpreter_agreement: bool = False,
    interpreter_relation: str = "",
) -> Screening:
    """Opens a screening once the person is safe, needs no doctor first and has agreed.

    ``minor`` is the worker's answer when the records do not tell the age (None: not asked);
    "not sure" is given as True: the person is presumed a minor until the age is assessed.
    """
    errors = {}
    if not safe_to_talk:
        errors["safe_to_talk"] = _(
            "Do not start while the person is not safe to talk. Attend to their safety first."
        )
    if needs_doctor:
        errors["needs_doctor"] = _("Arrange medical help first; the screening can wait.")
    if not consent:
        errors["consent"] = _(
            "The screening starts only when the person has agreed after hearing what it is for."
        )
    if interpreter is not None:
        if not interpreter_used:
            errors["interpreter"] = _(
                "An interpreter was chosen, but “an interpreter is present” is not ticked."
            )
        elif not interpreter.active:
            errors["interpreter"] = _("This interpreter is no longer on the centre's list.")
        if not interpreter_relation:
            errors["interpreter_relation"] = _(
                "Ask whether the interpreter knows the person or comes from the same community."
            )
    if errors:
        raise ValidationError(errors)
    derived, basis = minor_status(case)
    if derived:
        is_minor = True
    elif minor:
        is_minor, basis = True, MinorBasis.PRESUMED if derived is None else MinorBasis.MARKED
    else:
        is_minor, basis = False, MinorBasis.ADULT
    now = timezone.now()
    screening = Screening(
        case=case,
        kind=kind,
        indicator_list=indicator_list(kind, minor=is_minor),
        minor=is_minor,
        minor_basis=basis,
        language=language,
        interpreter_used=interpreter_used,
        indicator_version=indicators.load().version,
        started_by=actor,
        started_at=now,
        safe_to_talk=safe_to_talk,
        in_pain=in_pain,
        needs_doctor=needs_doctor,
        consent_at=now,
        interpreter=interpreter if interpreter_used else None,
        interpreter_language=(interpreter_language or language) if interpreter is not None else "",
        interpreter_agreement=interpreter_agreement if interpreter is not None else False,
        interpreter_relation=interpreter_relation if interpreter is not None else "",
    )
    screening.full_clean()
    screening.save()
    if is_minor:
        ensure_minor_flag(case=case, actor=actor)
    return screening


@transaction.atomic
def screening_save(*, screening: Screening, answers: dict[str, str], notes: str, step: int) -> Screening:
    """Stores the answers of one step ("" removes an answer) and the notes; the screening stays open."""
    if not screening.is_open:
        raise ValidationError(_("This screening is finished; its answers can no longer be changed."))
    indicator_set = indicators.load()
    known = {i.code: i for i in indicator_set.for_list(screening.indicator_list)}
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
                    "weight": indicator_set.entry(screening.indicator_list, code).weight,
                },
            )
    screening.notes = notes.strip()
    screening.last_step = max(1, min(step, STEPS))
    screening.save(update_fields=["notes", "last_step", "updated_at"])
    return screening


def screening_answers(screening: Screening) -> dict[str, str]:
    # Instances, not values_list(): each answer is sealed for its row and opens with it.
    return {row.code: row.answer for row in screening.answers.all()}


def screening_result(screening: Screening, answers: dict[str, str] | None = None) -> scoring.Result:
    """Scores the screening: stored answers with their stored weights, plus the unanswered questions.

    A weight counts as provisional when the indicator file in use marks its source so.
    """
    indicator_set = indicators.load()
    stored = {a.code: a for a in screening.answers.all()} if answers is None else None
    items = []
    for indicator in indicator_set.for_list(screening.indicator_list):
        entry = indicator_set.entry(screening.indicator_list, indicator.code)
        if stored is not None and indicator.code in stored:
            row = stored[indicator.code]
            weight, answer = row.weight, row.answer
        else:
            weight, answer = entry.weight, (answers or {}).get(indicator.code, "")
        items.append(
            scoring.Item(
                indicator.code,
                indicator.dimension,
                weight,
                answer,
                counts_as=indicator.counts_as,
                provisional=entry.provisional,
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


@transaction.atomic
def answer_correct(*, screening: Screening, code: str, answer: str, reason: str, actor) -> AnswerCorrection:
    """Changes one answer of a finished screening, keeping what it was and why it changed.

    The recommendation is worked out again from the corrected answers.
    """
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    if screening.is_open:
        raise ValidationError(_("The screening is still open: change the answer on its page."))
    indicator_set = indicators.load()
    entry = indicator_set.entry(screening.indicator_list, code)
    if entry is None:
        raise ValidationError({"code": _("Choose a question of this screening.")})
    if answer and answer not in Answer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the answer is corrected.")})
    row = ScreeningAnswer.objects.filter(screening=screening, code=code).first()
    previous = row.answer if row else ""
    if previous == answer:
        raise ValidationError({"answer": _("This is the answer already recorded.")})
    if not answer:
        row.delete()
    elif row is None:
        indicator = indicator_set.by_code()[code]
        ScreeningAnswer.objects.create(
            screening=screening, code=code, answer=answer, dimension=indicator.dimension, weight=entry.weight
        )
    else:
        row.answer = answer
        row.save(update_fields=["answer", "answered_at"])
    correction = AnswerCorrection(
        screening=screening,
        code=code,
        previous=previous,
        answer=answer,
        reason=reason.strip(),
        corrected_by=actor,
    )
    correction.full_clean()
    correction.save()
    screening.recommendation = screening_result(screening).recommendation
    screening.save(update_fields=["recommendation", "updated_at"])
    return correction


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


# --- Interpreters ----------------------------------------------------------------------------------


@transaction.atomic
def interpreter_add(*, interpreter: Interpreter, actor) -> Interpreter:
    interpreter.added_by = actor
    interpreter.full_clean()
    interpreter.save()
    return interpreter


@transaction.atomic
def interpreter_set_active(*, interpreter: Interpreter, active: bool) -> Interpreter:
    interpreter.active = active
    interpreter.save(update_fields=["active"])
    return interpreter


# --- Profile, representative, checklist -------------------------------------------------------------


@transaction.atomic
def profile_save(
    *, profile: ExploitationProfile, journey: list[JourneyCountry], actor, expected_version: int | None
) -> ExploitationProfile:
    """Saves the profile and replaces its countries; refuses to overwrite a save made meanwhile.

    ``expected_version`` is the version the form was shown with: 0 for a profile not yet saved.
    """
    # The case row lock serialises the first save of a profile (one per case) with any other.
    case = Case.objects.select_for_update().select_related("person").get(pk=profile.case_id)
    saved = ExploitationProfile.objects.filter(case=case).only("pk").first()
    if saved is not None and profile.pk is None:
        profile.pk, profile._state.adding = saved.pk, False
    versions.claim(profile, expected_version)
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
