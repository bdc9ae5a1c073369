"""Code lists of the screening and the identification status (HTCDS ``vic_`` where it has one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class MinorBasis(models.TextChoices):
    """Why a screening uses the child or the adult lists (see services.minor_status)."""

    DATE_OF_BIRTH = "date_of_birth", _("Under 18 by the date of birth")
    ESTIMATED_AGE = "estimated_age", _("Under 18 by the estimated age")
    PRESUMED = "presumed", _("Age uncertain: presumed a minor until the age is assessed")
    MARKED = "marked", _("Recorded as a minor")
    AT_TIME = "at_time", _("A minor at the time of exploitation")
    ADULT = "adult", _("An adult")


class Weight(models.TextChoices):
    """An indicator's weight in a list. Shown spelled out ("strong"), never as the stored letter."""

    STRONG = "S", _("strong")
    MEDIUM = "M", _("medium")
    WEAK = "W", _("weak")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")
    DECLINED = "declined", _("Doesn't want to say")


class Language(models.TextChoices):
    """The public site's languages: a person's screening language (when the indicator file has its
    wording; the start form offers only those) and what the centre's interpreters cover."""

    PL = "pl", _("Polish")
    EN = "en", _("English")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    BE = "be", _("Belarusian")
    RO = "ro", _("Romanian")
    BG = "bg", _("Bulgarian")
    VI = "vi", _("Vietnamese")
    KA = "ka", _("Georgian")
    ES = "es", _("Spanish")
    FR = "fr", _("French")
    DE = "de", _("German")
    NL = "nl", _("Dutch")
    TL = "tl", _("Filipino")
    AR = "ar", _("Arabic")


RTL_LANGUAGES = ("ar",)


class InterpreterRelation(models.TextChoices):
    """The question asked before an interpreter is used: a risk to confidentiality and safety."""

    NO = "no", _("No: a stranger to the person and the community")
    KNOWS_PERSON = "knows_person", _("Knows the person")
    SAME_COMMUNITY = "same_community", _("From the same community")
    UNKNOWN = "unknown", _("Not known")


# What the centre's interpreters may cover: the same list.
SpokenLanguage = Language


class ScreeningStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped by the person")


class Recommendation(models.TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim of trafficking")
    FURTHER_ASSESSMENT = "further_assessment", _("Further assessment needed")
    NO_INDICATORS_REPORTED = "no_indicators_reported", _("No indicators reported")
    # Given by the earlier rule to screenings without any "yes"; kept for those records only.
    NOT_PRESENT = "not_present", _("Indicators not present (earlier rule)")


class LegalPath(models.TextChoices):
    """Which path to "presumed victim" held (art. 115 §22 of the Criminal Code; see scoring.py)."""

    CHILD = "child", _("Child rule: a minor, exploitation positive — the means are not required")
    HARBOURING_BY_FORCE = (
        "harbouring_by_force",
        _("Harbouring or receiving by force: exploitation and coercion at destination are positive"),
    )
    INDICATOR_RULE = (
        "indicator_rule",
        _("Indicator rule: recruitment, exploitation and the means at destination are positive"),
    )
    VULNERABILITY_ONLY = (
        "vulnerability_only",
        _("Abuse of vulnerability only: recruitment and the means rest only on vulnerability"),
    )


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
    """HTCDS 2.0 ``vic_TraffickingStatus`` (the stored value is the standard's own value name)."""

    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible victim of trafficking")
    ACTUAL = "ActualVictimOfTrafficking", _("Actual victim of trafficking")
    NOT_VICTIM = "NotAVictimOfTrafficking", _("Not a victim of trafficking")


class HtcdsOrganisation(models.TextChoices):
    """HTCDS 2.0 ``vic_TraffickingStatusDecisionMakingOrg``."""

    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT_OR_PROSECUTION = "CourtOrProsecution", _("Court or prosecution")
    NON_POLICE_GOVERNMENTAL = "NonPoliceGovernmentalOrganization", _("Non-police governmental organisation")
    OTHER = "Other", pgettext_lazy("organisation", "Other")


AUTHORITY_TO_HTCDS = {
    Authority.POLICE: HtcdsOrganisation.POLICE,
    # The Border Guard is a law-enforcement service; HTCDS counts it with the police.
    Authority.BORDER_GUARD: HtcdsOrganisation.POLICE,
    Authority.PROSECUTOR: HtcdsOrganisation.COURT_OR_PROSECUTION,
    Authority.COURT: HtcdsOrganisation.COURT_OR_PROSECUTION,
    Authority.OTHER: HtcdsOrganisation.NON_POLICE_GOVERNMENTAL,
}
