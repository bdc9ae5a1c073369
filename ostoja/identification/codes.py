"""Code lists of the screening and the identification status (HTCDS ``vic_`` where it has one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """The six dimensions of the ILO/EC operational (Delphi) indicators, in the order asked."""

    DECEPTIVE_RECRUITMENT = "deceptive_recruitment", _("Deceptive recruitment")
    COERCIVE_RECRUITMENT = "coercive_recruitment", _("Coercive recruitment")
    VULNERABILITY_RECRUITMENT = "vulnerability_recruitment", _("Recruitment by abuse of vulnerability")
    EXPLOITATION = "exploitation", _("Exploitative conditions")
    COERCION_DESTINATION = "coercion_destination", _("Coercion at destination")
    VULNERABILITY_DESTINATION = "vulnerability_destination", _("Abuse of vulnerability at destination")


RECRUITMENT_DIMENSIONS = (
    Dimension.DECEPTIVE_RECRUITMENT,
    Dimension.COERCIVE_RECRUITMENT,
    Dimension.VULNERABILITY_RECRUITMENT,
)
DESTINATION_DIMENSIONS = (Dimension.COERCION_DESTINATION, Dimension.VULNERABILITY_DESTINATION)


class IndicatorList(models.TextChoices):
    """The four Delphi lists: adults or children, labour or sexual exploitation."""

    ADULT_LABOUR = "adult_labour", _("Adults — labour exploitation")
    ADULT_SEXUAL = "adult_sexual", _("Adults — sexual exploitation")
    CHILD_LABOUR = "child_labour", _("Children — labour exploitation")
    CHILD_SEXUAL = "child_sexual", _("Children — sexual exploitation")


class ExploitationKind(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")


def indicator_list(kind: str, *, minor: bool) -> str:
    return f"{'child' if minor else 'adult'}_{kind}"


class Weight(models.TextChoices):
    STRONG = "S", _("strong")
    MEDIUM = "M", _("medium")
    WEAK = "W", _("weak")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")
    DECLINED = "declined", _("Doesn't want to say")


class Language(models.TextChoices):
    """Languages the person-facing wording exists in (the indicator file must cover each)."""

    PL = "pl", _("Polish")
    EN = "en", _("English")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    RO = "ro", _("Romanian")
    BG = "bg", _("Bulgarian")
    VI = "vi", _("Vietnamese")


class ScreeningStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped by the person")


class Recommendation(models.TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim of trafficking")
    FURTHER_ASSESSMENT = "further_assessment", _("Further assessment needed")
    NOT_PRESENT = "not_present", _("Indicators not present")


class IdStatus(models.TextChoices):
    """The centre's identification status of a case, in the order it usually moves."""

    SUSPECTED = "suspected", _("Suspected victim")
    PRELIMINARY = "preliminary", _("Preliminary identification by the centre")
    IDENTIFIED = "identified", _("Identified by a competent authority")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


# Which status may follow which. An authority can identify a person the centre only suspected.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "": (IdStatus.SUSPECTED, IdStatus.PRELIMINARY),
    IdStatus.SUSPECTED: (IdStatus.PRELIMINARY, IdStatus.IDENTIFIED, IdStatus.NOT_CONFIRMED),
    IdStatus.PRELIMINARY: (IdStatus.IDENTIFIED, IdStatus.NOT_CONFIRMED),
    IdStatus.IDENTIFIED: (),
    IdStatus.NOT_CONFIRMED: (IdStatus.SUSPECTED,),
}
# These take effect only once a supervisor (not the requester) confirms them.
NEEDS_CONFIRMATION = (IdStatus.PRELIMINARY, IdStatus.NOT_CONFIRMED)


class Review(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No confirmation needed")
    PENDING = "pending", _("Waiting for a supervisor")
    CONFIRMED = "confirmed", _("Confirmed by a supervisor")
    REJECTED = "rejected", _("Rejected by a supervisor")


class Authority(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border Guard")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    COURT = "court", _("Court")
    OTHER = "other", _("Other authority")


class HtcdsStatus(models.TextChoices):
    """HTCDS ``vic_TraffickingStatus``."""

    POSSIBLE = "possible_victim", _("Possible victim")
    ACTUAL = "actual_victim", _("Actual (identified) victim")
    NOT_VICTIM = "not_victim", _("Not a victim")


class HtcdsOrganisation(models.TextChoices):
    """HTCDS: the kind of organisation that decided the trafficking status."""

    POLICE = "police", _("Police")
    NGO = "ngo", _("NGO")
    COURT_OR_PROSECUTION = "court_or_prosecution", _("Court or prosecution")
    OTHER_GOVERNMENTAL = "other_governmental", _("Other governmental body")
    OTHER = "other", _("Other")


AUTHORITY_TO_HTCDS = {
    Authority.POLICE: HtcdsOrganisation.POLICE,
    # The Border Guard is a law-enforcement service; HTCDS counts it with the police.
    Authority.BORDER_GUARD: HtcdsOrganisation.POLICE,
    Authority.PROSECUTOR: HtcdsOrganisation.COURT_OR_PROSECUTION,
    Authority.COURT: HtcdsOrganisation.COURT_OR_PROSECUTION,
    Authority.OTHER: HtcdsOrganisation.OTHER_GOVERNMENTAL,
}
