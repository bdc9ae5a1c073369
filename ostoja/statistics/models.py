"""Imported historical cases and the counts kept ready for the statistics page.

A historical case is one row of a de-identified file (CTDC's k-anonymised format), or one record of
an HTCDS 2.0 file reduced to its codes: it carries only codes and a year, never a name, a date or a
free text, so nothing here is encrypted (the uploaded file itself waits, encrypted, in
``ImportUpload`` until the background import is done). Its counts are
added to those of the centre's own cases on the statistics page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.people.codes import AgeBand
from ostoja.statistics import answer_codes as codes
from ostoja.vault.fields import EncryptedTextField, SealedModel

EXPORT_MAX = 200_000_000  # characters of base64: a file of about 150 MB


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    COMPLETE = "complete", _("Complete")
    FAILED = "failed", _("Stopped by an error")


class ImportRun(models.Model):
    """One file imported (or being imported), known by the SHA-256 of its bytes.

    Rows are committed in batches; ``next_row`` (the first data row not yet committed) is saved in
    the same transaction as its batch, so an interrupted import resumes where it stopped and the same
    file imported again adds nothing.
    """

    source = models.CharField(max_length=8, default="ctdc")
    file_sha256 = models.CharField(max_length=64)
    file_name = models.CharField(max_length=limits.LINE)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    rows_total = models.PositiveIntegerField(default=0)
    next_row = models.PositiveIntegerField(default=1)
    imported = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    # The first refusals in full ({"row", "column", "reason"}) and how many of each reason there were.
    refusals = models.JSONField(default=list, editable=False)
    refusal_counts = models.JSONField(default=dict, editable=False)
    error = models.CharField(max_length=limits.SHORT, blank=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "file_sha256"], name="stats_import_file")]
        indexes = [models.Index(fields=["-started_at"], name="stats_import_recent")]

    def __str__(self) -> str:
        return self.file_name


class ImportUpload(SealedModel):
    """A file uploaded on the import page, encrypted, kept only until its background import ends
    (an HTCDS file holds names and dates of birth, which are never stored elsewhere)."""

    run = models.OneToOneField(ImportRun, on_delete=models.CASCADE, related_name="upload")
    content = EncryptedTextField(max_length=EXPORT_MAX, editable=False)  # base64 of the file
    # HTCDS records carry no year: the year the uploader said the cases were registered in, if any.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.run)


class HistoricalCase(models.Model):
    """One de-identified case from an imported file, in our codes.

    ``values`` keeps a CTDC row's 63 values as they were (codes and a year, nothing else), so an
    export in CTDC's format can give them back; for an HTCDS record, its coded fields only (no name,
    no date of birth, no language).
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="cases", db_index=False)
    row = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    datasource = models.CharField(max_length=16, blank=True)
    gender = models.CharField(max_length=24, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    majority = models.CharField(max_length=8, blank=True)
    citizenship = models.CharField(max_length=2, blank=True)
    country_of_exploitation = models.CharField(max_length=2, blank=True)
    # The forms of exploitation marked 1, sorted and joined by "+" (ExploitationForm codes).
    forms = models.CharField(max_length=limits.LINE, blank=True)
    values = models.JSONField(default=list, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "row"], name="stats_historical_row")]
        indexes = [models.Index(fields=["year"], name="stats_historical_year")]

    def __str__(self) -> str:
        return f"{self.run} #{self.row}"


class HistoricalTally(models.Model):
    """How many historical cases of ``year`` have ``value`` in ``dimension``; rebuilt after each import."""

    year = models.PositiveSmallIntegerField(null=True, blank=True)
    dimension = models.CharField(max_length=32)
    value = models.CharField(max_length=limits.LINE, blank=True)
    count = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["dimension", "year"], name="stats_tally_dimension")]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value} ({self.year}): {self.count}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class FunderReport(models.Model):
    """The yearly report for the funder (PDF and XLSX, in Polish), prepared in the background.

    It holds counts only, protected like every statistical output; the files are kept for download.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # per cent
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    xlsx = models.BinaryField(editable=False, default=bytes)
    pdf = models.BinaryField(editable=False, default=bytes)

    class Meta:
        indexes = [models.Index(fields=["-requested_at"], name="stats_report_recent")]

    def __str__(self) -> str:
        return f"{self.year}"


class ReportCategory(models.Model):
    """A category of a reporting list whose wording is not confirmed (the ministry's questionnaire was
    never read): kept as data an administrator corrects, and marked unconfirmed until they do.

    ``profile_codes`` are the exploitation-profile codes (``ExploitationForm``) counted under it; a
    category with none (a non-trafficking case such as a violation of workers' rights) is listed with
    nothing counted until a field records it.
    """

    class List(models.TextChoices):
        EXPLOITATION = "exploitation", _("Forms of exploitation in the ministry's breakdown")

    list_name = models.CharField(_("list"), max_length=16, choices=List.choices, default=List.EXPLOITATION)
    code = models.SlugField(max_length=40)
    label_pl = models.CharField(_("name in Polish"), max_length=limits.LINE)
    label_en = models.CharField(_("name in English"), max_length=limits.LINE)
    profile_codes = models.JSONField(_("counted from"), default=list, blank=True, validators=[limits.CODES])
    confirmed = models.BooleanField(_("confirmed against the official form"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["list_name", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["list_name", "code"], name="stats_category_code")]

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        from django.utils.translation import get_language

        return self.label_pl if (get_language() or "pl").startswith("pl") else self.label_en


class CaseExport(SealedModel):
    """A case-level export (CSV or XLSX) for its creator: the file is encrypted in the database,
    downloadable once, until ``expires_at``; then its content is erased."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    purpose = EncryptedTextField(_("purpose of the export"), max_length=limits.SHORT)
    fields = models.JSONField(_("fields"), default=list, validators=[limits.CODES])
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.XLSX)
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    content = EncryptedTextField(max_length=EXPORT_MAX, blank=True, editable=False)  # base64 of the file
    expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_by", "-created_at"], name="stats_export_creator")]

    def __str__(self) -> str:
        return f"{self.get_file_format_display()} {self.created_at:%Y-%m-%d}"


class QuestionnaireAnswers(models.Model):
    """The ministry questionnaire's answers the case completes by hand, one row per case.

    Codes only (the lists of ``answer_codes``, ISO 3166 country codes, CTDC's age bands), so the
    questionnaire and its counts never decrypt anything; ``age_band`` counts only where the person has
    none. ``reviewed_by``/``reviewed_at``: the case manager confirmed the questionnaire complete.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="questionnaire")
    age_band = models.CharField(_("age group"), max_length=8, choices=AgeBand.choices, blank=True)
    marital_status = models.CharField(
        _("marital status"), max_length=16, choices=codes.MaritalStatus.choices, blank=True
    )
    recruitment_country = models.CharField(_("country of residence when recruited"), max_length=2, blank=True)
    recruitment_occupation = models.CharField(
        _("occupation when recruited"), max_length=16, choices=codes.Occupation.choices, blank=True
    )
    recruiter_citizenship = models.CharField(_("recruiter's citizenship"), max_length=2, blank=True)
    offer = models.CharField(
        _("offer made at recruitment"), max_length=16, choices=codes.Offer.choices, blank=True
    )
    destination_proposed = models.CharField(
        _("destination proposed at recruitment"), max_length=2, blank=True
    )
    transport = models.CharField(_("transport"), max_length=16, choices=codes.Transport.choices, blank=True)
    exploitation_country = models.CharField(_("country of exploitation"), max_length=2, blank=True)
    release = models.CharField(
        _("how the person got out"), max_length=16, choices=codes.Release.choices, blank=True
    )
    residence_status = models.CharField(
        _("residence status when reported"), max_length=16, choices=codes.ResidenceStatus.choices, blank=True
    )
    testified = models.CharField(
        _("whether the person testified"), max_length=16, choices=codes.Testified.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("ministry's questionnaire")

    def __str__(self) -> str:
        return f"{self.case_id}"
