"""The kinds, levels and states of the case file's records, each a translated label."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AttachmentKind(models.TextChoices):
    SCAN = "scan", _("Scan of a document")
    LETTER = "letter", _("Letter")
    DECISION = "decision", _("Decision of an authority")
    MEDICAL = "medical", _("Medical certificate")
    OTHER = "other", pgettext_lazy("attachment", "Other")


class Level(models.TextChoices):
    """Who reads an attachment (casefiles/access.py)."""

    CASE = "case", _("Everyone who may read the case file")
    TEAM = "team", _("Only the case team and supervisors")


# Kinds that are never filed for everyone who reads the case (break-glass access included).
TEAM_ONLY_KINDS = frozenset({AttachmentKind.MEDICAL})


class FileType(models.TextChoices):
    """What a file is, known from its content (casefiles/uploads.py)."""

    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    DOCX = "docx", _("Word document (DOCX)")
    ODT = "odt", _("OpenDocument text (ODT)")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("Identity card")
    RESIDENCE_CARD = "residence_card", _("Residence card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    DIPLOMA = "diploma", _("Diploma or school certificate")
    OTHER = "other", pgettext_lazy("document", "Other")


class RestoreStatus(models.TextChoices):
    TO_APPLY = "to_apply", _("Not applied for yet")
    APPLIED = "applied", _("Applied for")
    READY = "ready", _("Ready for collection")
    RECEIVED = "received", _("Received")
    REFUSED = "refused", _("Refused")
    ABANDONED = "abandoned", _("No longer pursued")


# Still waited for: an expected date that passes makes a task.
WAITING = (RestoreStatus.TO_APPLY, RestoreStatus.APPLIED, RestoreStatus.READY)


class PaidBy(models.TextChoices):
    NONE = "none", _("No fee")
    PERSON = "person", _("The person")
    CENTRE = "centre", _("The centre")
    PARTNER = "partner", _("A partner organisation")
    CONSULATE = "consulate", _("Waived by the issuing authority")


class SummaryPurpose(models.TextChoices):
    """What a printed case summary is for (asked every time, kept in the audit row)."""

    CASE_CONFERENCE = "case_conference", _("Case conference of the team")
    HANDOVER = "handover", _("Handover to another case manager")
    SUPERVISION = "supervision", _("Supervision or case review")
    PERSONS_REQUEST = "persons_request", _("The person's own request for their data")
    AUTHORITY = "authority", _("An authority's request with a legal basis")
