"""Screenings, the identification status with its history, and the exploitation profile of a case.

Protected values (see docs/ARCHITECTURE.md and docs/SECURITY.md): free-text notes and grounds, the
authority's name, case reference and date of decision, the answers to screening questions, the
countries and dates of the journey, the place of recruitment and the representative's name and
contact are encrypted. The codes statistics count (forms of exploitation, means of control, sector,
recruitment, roles, identification status) are plain; SECURITY.md says what they tell.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.identification.codes import (
    AUTHORITY_TO_HTCDS,
    Answer,
    Authority,
    Dimension,
    ExploitationKind,
    HtcdsOrganisation,
    HtcdsStatus,
    IdStatus,
    IndicatorList,
    InterpreterRelation,
    Language,
    MinorBasis,
    Recommendation,
    Review,
    ScreeningStatus,
    SpokenLanguage,
    Weight,
)
from ostoja.identification.profile_codes import (
    IsicSection,
    JourneyStage,
    OnlinePlatform,
    RecruitmentMethod,
    RepresentativeRelation,
)
from ostoja.vault.fields import EncryptedCharField, EncryptedDateField, EncryptedTextField, SealedModel


class Interpreter(SealedModel):
    """An interpreter the centre works with: the list a screening's interpreter is chosen from.

    The name and phone are encrypted (identifying data of a person outside the staff).
    """

    name = EncryptedCharField(_("name"), max_length=200)
    languages = models.JSONField(_("languages"), default=list, validators=[limits.CODES])
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    agreement_signed = models.BooleanField(
        _("has signed the centre's confidentiality agreement"), default=False
    )
    active = models.BooleanField(_("available"), default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["pk"]
        indexes = [models.Index(fields=["active", "id"], name="ident_interpreter_active")]

    def __str__(self) -> str:
        return self.name

    def get_languages_display(self) -> str:
        labels = dict(SpokenLanguage.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.languages)


class Screening(SealedModel):
    """One indicator-based interview with the person, on one Delphi list."""

    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenings")
    kind = models.CharField(
        _("form of exploitation asked about"), max_length=8, choices=ExploitationKind.choices
    )
    indicator_list = models.CharField(_("indicator list"), max_length=16, choices=IndicatorList.choices)
    minor = models.BooleanField(_("a minor (now or at the time of exploitation)"), default=False)
    minor_basis = models.CharField(
        _("why the child or adult lists apply"), max_length=16, choices=MinorBasis.choices, blank=True
    )
    # The safety and health check and the informed consent, recorded before the first question.
    safe_to_talk = models.BooleanField(_("safe to talk now"), default=False)
    in_pain = models.BooleanField(_("in pain"), default=False)
    needs_doctor = models.BooleanField(_("needs a doctor now"), default=False)
    consent_at = models.DateTimeField(_("informed consent given"), null=True, blank=True)
    language = models.CharField(_("language of the person"), max_length=8, choices=Language.choices)
    interpreter_used = models.BooleanField(_("interpreter present"), default=False)
    interpreter = models.ForeignKey(
        Interpreter,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("interpreter"),
    )
    interpreter_language = models.CharField(
        _("language interpreted"), max_length=8, choices=SpokenLanguage.choices, blank=True
    )
    interpreter_agreement = models.BooleanField(_("bound by a confidentiality agreement"), default=False)
    interpreter_relation = models.CharField(
        _("does the interpreter know the person or come from the same community?"),
        max_length=16,
        choices=InterpreterRelation.choices,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ScreeningStatus.choices, default=ScreeningStatus.IN_PROGRESS
    )
    indicator_version = models.CharField(_("indicator file version"), max_length=20)
    recommendation = models.CharField(
        _("recommendation"), max_length=24, choices=Recommendation.choices, blank=True
    )
    notes = EncryptedTextField(_("notes"), max_length=limits.NOTE, blank=True)
    last_step = models.PositiveSmallIntegerField(default=1)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["case", "-started_at"], name="ident_screening_case")]

    def __str__(self) -> str:
        return f"screening {self.pk} on {self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.status == ScreeningStatus.IN_PROGRESS


class ScreeningAnswer(SealedModel):
    """One answer; the dimension and weight are copied from the indicator file when answered.

    Which questions were asked follows from the indicator list; what the person answered is encrypted.
    """

    vault_owner = ("screening.case.person",)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(max_length=40)
    dimension = models.CharField(max_length=32, choices=Dimension.choices)
    weight = models.CharField(max_length=1, choices=Weight.choices)
    answer = EncryptedCharField(max_length=8, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["screening", "code"], name="ident_answer_unique")]

    def __str__(self) -> str:
        return f"{self.code}={self.answer}"


class AnswerCorrection(SealedModel):
    """An answer changed after the screening was finished, with the reason. Rows are never changed.

    The answers before and after and the reason are encrypted, as the answers are.
    """

    vault_owner = ("screening.case.person",)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="corrections")
    code = models.CharField(max_length=40)
    previous = EncryptedCharField(_("answer before"), max_length=8, blank=True)
    answer = EncryptedCharField(_("answer now"), max_length=8, blank=True)
    reason = EncryptedTextField(_("reason for the correction"), max_length=limits.SHORT)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["corrected_at", "pk"]
        indexes = [models.Index(fields=["screening", "corrected_at"], name="ident_correction_screening")]

    def __str__(self) -> str:
        return f"correction of {self.code}"


class StatusChangeQuerySet(models.QuerySet):
    def effective(self) -> StatusChangeQuerySet:
        return self.filter(effective_at__isnull=False)

    def pending(self) -> StatusChangeQuerySet:
        return self.filter(review=Review.PENDING)


class IdentificationStatusChange(SealedModel):
    """One step in a case's identification status. Rows are added, never removed.

    A change to *preliminary* or *not confirmed* is a request until a supervisor other than the
    requester confirms it; only then does it take effect (``effective_at``). The case's status is
    the effective change with the latest ``effective_at``.
    """

    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identification_changes")
    status = models.CharField(_("identification status"), max_length=16, choices=IdStatus.choices)
    previous_status = models.CharField(max_length=16, choices=IdStatus.choices, blank=True)
    review = models.CharField(_("confirmation"), max_length=12, choices=Review.choices)
    grounds = EncryptedTextField(_("grounds for the decision"), max_length=limits.ACCOUNT, blank=True)
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("screening it rests on"),
    )  # fmt: skip
    authority = models.CharField(
        _("competent authority"), max_length=16, choices=Authority.choices, blank=True
    )
    authority_other = EncryptedCharField(_("name of the other authority"), max_length=200, blank=True)
    decided_on = EncryptedDateField(_("date of the authority's decision"), null=True, blank=True)
    reference = EncryptedCharField(_("authority's case reference"), max_length=100, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = EncryptedTextField(_("supervisor's note"), max_length=limits.INSTRUCTIONS, blank=True)
    effective_at = models.DateTimeField(null=True, blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("identification status change")
        verbose_name_plural = _("identification status changes")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["case", "-requested_at"], name="ident_status_case"),
            models.Index(fields=["review", "requested_at"], name="ident_status_review"),
        ]

    def __str__(self) -> str:
        return f"{self.status} on {self.case_id}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status in (IdStatus.PRELIMINARY, IdStatus.NOT_CONFIRMED) and not (self.grounds or "").strip():
            errors["grounds"] = _("Write the grounds for this decision.")
        if self.status == IdStatus.IDENTIFIED:
            if not self.authority:
                errors["authority"] = _("Choose the authority that identified the person.")
            if not self.decided_on:
                errors["decided_on"] = _("Enter the date of the authority's decision.")
            elif self.decided_on > timezone.localdate():
                errors["decided_on"] = _("The date cannot be in the future.")
            if not (self.reference or "").strip():
                errors["reference"] = _("Enter the authority's case reference.")
        if self.authority == Authority.OTHER and not self.authority_other.strip():
            errors["authority_other"] = _("Name the authority.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_effective(self) -> bool:
        return self.effective_at is not None

    def htcds_status(self) -> str:
        """HTCDS ``vic_TraffickingStatus``.

        A preliminary identification is the centre's own identification: the person is treated
        as a victim from then on, so HTCDS records an actual victim identified by an NGO.
        """
        if self.status == IdStatus.SUSPECTED:
            return HtcdsStatus.POSSIBLE
        if self.status == IdStatus.NOT_CONFIRMED:
            return HtcdsStatus.NOT_VICTIM
        return HtcdsStatus.ACTUAL

    def htcds_organisation(self) -> str:
        """The HTCDS kind of organisation that decided the status ("" while only suspected)."""
        if self.authority:
            return AUTHORITY_TO_HTCDS[self.authority]
        if self.status == IdStatus.SUSPECTED:
            return ""
        return HtcdsOrganisation.NGO

    def get_htcds_status_display(self) -> str:
        return str(HtcdsStatus(self.htcds_status()).label)

    def get_htcds_organisation_display(self) -> str:
        organisation = self.htcds_organisation()
        return str(HtcdsOrganisation(organisation).label) if organisation else ""


class ExploitationProfile(SealedModel):
    """What happened, in HTCDS/CTDC codes: the base of statistics and of the ministry's questionnaire."""

    vault_owner = ("case.person",)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="exploitation_profile")
    forms = models.JSONField(_("forms of exploitation"), default=list, blank=True, validators=[limits.CODES])
    labour_types = models.JSONField(_("type of labour"), default=list, blank=True, validators=[limits.CODES])
    sex_types = models.JSONField(
        _("type of sexual exploitation"), default=list, blank=True, validators=[limits.CODES]
    )
    sector = models.CharField(
        _("sector (ISIC section)"), max_length=1, choices=IsicSection.choices, blank=True
    )
    means_of_control = models.JSONField(
        _("means of control"), default=list, blank=True, validators=[limits.CODES]
    )
    recruitment_method = models.CharField(
        _("method of recruitment"), max_length=16, choices=RecruitmentMethod.choices, blank=True
    )
    recruitment_place = EncryptedCharField(_("place of recruitment"), max_length=200, blank=True)
    online_platform = models.CharField(
        _("online platform used to recruit"), max_length=16, choices=OnlinePlatform.choices, blank=True
    )
    recruiter_relations = models.JSONField(
        _("relation to the recruiter"), default=list, blank=True, validators=[limits.CODES]
    )
    minor_at_time = models.BooleanField(_("a minor at the time of exploitation"), default=False)
    perpetrator_roles = models.JSONField(
        _("perpetrators' roles"), default=list, blank=True, validators=[limits.CODES]
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("exploitation profile")
        verbose_name_plural = _("exploitation profiles")

    def __str__(self) -> str:
        return f"profile of {self.case_id}"

    def journey_in_order(self) -> list[JourneyCountry]:
        """The countries by start date (undated last), then in the order they were entered."""
        rows = list(self.journey.all())
        return sorted(rows, key=lambda j: (j.date_from is None, j.date_from or datetime.date.min, j.pk))


class JourneyCountry(SealedModel):
    """A country of recruitment, transit or exploitation, with dates (HTCDS ``hte_``).

    The country and the dates are encrypted: with the stage they trace the person's route. The
    database cannot order by them, so :meth:`ExploitationProfile.journey_in_order` sorts when shown.
    """

    vault_owner = ("profile.case.person",)
    profile = models.ForeignKey(ExploitationProfile, on_delete=models.CASCADE, related_name="journey")
    stage = models.CharField(_("stage"), max_length=16, choices=JourneyStage.choices)
    country = EncryptedCharField(_("country (ISO 3166)"), max_length=2)
    date_from = EncryptedDateField(_("from"), null=True, blank=True)
    date_to = EncryptedDateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("country of the journey")
        verbose_name_plural = _("countries of the journey")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.stage}: {self.country}"

    def clean(self) -> None:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": _("The end date is before the start date.")})


class Representative(SealedModel):
    """The guardian or representative of a minor."""

    vault_owner = ("case.person",)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="representative")
    name = EncryptedCharField(_("name of the guardian or representative"), max_length=200)
    relation = models.CharField(_("relation"), max_length=16, choices=RepresentativeRelation.choices)
    contact = EncryptedCharField(_("contact (phone, e-mail, institution)"), max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guardian or representative")

    def __str__(self) -> str:
        return str(_("guardian or representative"))


class ChecklistRecord(models.Model):
    """A quick hotline checklist attached to a case: indicator codes only, nothing else."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="indicator_checklists")
    items = models.JSONField(default=list, validators=[limits.CODES])
    indicator_version = models.CharField(max_length=20)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["case", "-recorded_at"], name="ident_checklist_case")]

    def __str__(self) -> str:
        return f"checklist {self.pk} on {self.case_id}"
