"""Screenings, the identification status with its history, and the exploitation profile of a case.

Protected values (see docs/ARCHITECTURE.md): free-text notes and grounds, the authority's case
reference, the place of recruitment and the representative's name and contact are encrypted. Codes
(indicator answers, forms of exploitation, countries, roles) are plain, for statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    Language,
    Recommendation,
    Review,
    ScreeningStatus,
    Weight,
)
from ostoja.identification.profile_codes import (
    IsicSection,
    JourneyStage,
    OnlinePlatform,
    RecruitmentMethod,
    RepresentativeRelation,
)
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField


class Screening(models.Model):
    """One indicator-based interview with the person, on one Delphi list."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenings")
    kind = models.CharField(
        _("form of exploitation asked about"), max_length=8, choices=ExploitationKind.choices
    )
    indicator_list = models.CharField(_("indicator list"), max_length=16, choices=IndicatorList.choices)
    minor = models.BooleanField(_("a minor (now or at the time of exploitation)"), default=False)
    language = models.CharField(_("language of the person"), max_length=8, choices=Language.choices)
    interpreter_used = models.BooleanField(_("interpreter present"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ScreeningStatus.choices, default=ScreeningStatus.IN_PROGRESS
    )
    indicator_version = models.CharField(_("indicator file version"), max_length=20)
    recommendation = models.CharField(
        _("recommendation"), max_length=24, choices=Recommendation.choices, blank=True
    )
    notes = EncryptedTextField(_("notes"), blank=True)
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


class ScreeningAnswer(models.Model):
    """One answer; the dimension and weight are copied from the indicator file when answered."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(max_length=40)
    dimension = models.CharField(max_length=32, choices=Dimension.choices)
    weight = models.CharField(max_length=1, choices=Weight.choices)
    answer = models.CharField(max_length=8, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["screening", "code"], name="ident_answer_unique")]

    def __str__(self) -> str:
        return f"{self.code}={self.answer}"


class StatusChangeQuerySet(models.QuerySet):
    def effective(self) -> StatusChangeQuerySet:
        return self.filter(effective_at__isnull=False)

    def pending(self) -> StatusChangeQuerySet:
        return self.filter(review=Review.PENDING)


class IdentificationStatusChange(models.Model):
    """One step in a case's identification status. Rows are added, never removed.

    A change to *preliminary* or *not confirmed* is a request until a supervisor other than the
    requester confirms it; only then does it take effect (``effective_at``). The case's status is
    the effective change with the latest ``effective_at``.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identification_changes")
    status = models.CharField(_("identification status"), max_length=16, choices=IdStatus.choices)
    previous_status = models.CharField(max_length=16, choices=IdStatus.choices, blank=True)
    review = models.CharField(_("confirmation"), max_length=12, choices=Review.choices)
    grounds = EncryptedTextField(_("grounds for the decision"), blank=True)
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("screening it rests on"),
    )  # fmt: skip
    authority = models.CharField(
        _("competent authority"), max_length=16, choices=Authority.choices, blank=True
    )
    authority_other = models.CharField(_("name of the other authority"), max_length=200, blank=True)
    decided_on = models.DateField(_("date of the authority's decision"), null=True, blank=True)
    reference = EncryptedCharField(_("authority's case reference"), max_length=100, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = EncryptedTextField(_("supervisor's note"), blank=True)
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


class ExploitationProfile(models.Model):
    """What happened, in HTCDS/CTDC codes: the base of statistics and of the ministry's questionnaire."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="exploitation_profile")
    forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    labour_types = models.JSONField(_("type of labour"), default=list, blank=True)
    sex_types = models.JSONField(_("type of sexual exploitation"), default=list, blank=True)
    sector = models.CharField(
        _("sector (ISIC section)"), max_length=1, choices=IsicSection.choices, blank=True
    )
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment_method = models.CharField(
        _("method of recruitment"), max_length=16, choices=RecruitmentMethod.choices, blank=True
    )
    recruitment_place = EncryptedCharField(_("place of recruitment"), max_length=200, blank=True)
    online_platform = models.CharField(
        _("online platform used to recruit"), max_length=16, choices=OnlinePlatform.choices, blank=True
    )
    recruiter_relations = models.JSONField(_("relation to the recruiter"), default=list, blank=True)
    minor_at_time = models.BooleanField(_("a minor at the time of exploitation"), default=False)
    perpetrator_roles = models.JSONField(_("perpetrators' roles"), default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("exploitation profile")
        verbose_name_plural = _("exploitation profiles")

    def __str__(self) -> str:
        return f"profile of {self.case_id}"


class JourneyCountry(models.Model):
    """A country of recruitment, transit or exploitation, with dates (HTCDS ``hte_``)."""

    profile = models.ForeignKey(ExploitationProfile, on_delete=models.CASCADE, related_name="journey")
    stage = models.CharField(_("stage"), max_length=16, choices=JourneyStage.choices)
    country = models.CharField(_("country (ISO 3166)"), max_length=2)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("country of the journey")
        verbose_name_plural = _("countries of the journey")
        ordering = ["date_from", "pk"]

    def __str__(self) -> str:
        return f"{self.stage}: {self.country}"

    def clean(self) -> None:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": _("The end date is before the start date.")})


class Representative(models.Model):
    """The guardian or representative of a minor."""

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
    items = models.JSONField(default=list)
    indicator_version = models.CharField(max_length=20)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["case", "-recorded_at"], name="ident_checklist_case")]

    def __str__(self) -> str:
        return f"checklist {self.pk} on {self.case_id}"
