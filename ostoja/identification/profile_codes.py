"""Code lists of the exploitation profile, aligned with CTDC and HTCDS so exports map cleanly.

Where CTDC has a column, the stored value *is* the CTDC column name (``isForcedLabour``,
``meansOfControlDebtBondage``, ``typeOfLabourAgriculture``, ``recruiterRelationFriend``); an export
sets that column to 1. Forms of exploitation CTDC has no column for (added by EU directive
2024/1712, or named separately in directive 2011/36) use our own lower-case codes and map to the
nearest CTDC columns through ``CTDC_COLUMNS``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExploitationForm(models.TextChoices):
    FORCED_LABOUR = "isForcedLabour", _("Forced labour or services")
    SEXUAL = "isSexualExploit", _("Sexual exploitation")
    SEX_AND_LABOUR = "isSexAndLabour", _("Combined sexual and labour exploitation")
    SLAVERY = "isSlaveryAndPractices", _("Slavery and similar practices, servitude")
    FORCED_MARRIAGE = "isForcedMarriage", _("Forced marriage")
    FORCED_MILITARY = "isForcedMilitary", _("Forced military service")
    ORGAN_REMOVAL = "isOrganRemoval", _("Removal of organs")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_CRIMINALITY = "forced_criminal_activities", _("Exploitation of criminal activities")
    ILLEGAL_ADOPTION = "illegal_adoption", _("Illegal adoption")
    SURROGACY = "surrogacy", _("Exploitation of surrogacy")
    OTHER = "isOtherExploit", _("Other exploitation")


# Our own codes -> the CTDC columns an export sets to 1.
CTDC_COLUMNS: dict[str, tuple[str, ...]] = {
    ExploitationForm.FORCED_BEGGING: ("isForcedLabour", "typeOfLabourBegging"),
    ExploitationForm.FORCED_CRIMINALITY: ("isForcedLabour", "typeOfLabourIllicitActivities"),
    ExploitationForm.ILLEGAL_ADOPTION: ("isOtherExploit",),
    ExploitationForm.SURROGACY: ("isOtherExploit",),
}
# Added to the EU definition by directive 2024/1712 (shown as such on the form).
ADDED_IN_2024 = (
    ExploitationForm.FORCED_MARRIAGE,
    ExploitationForm.ILLEGAL_ADOPTION,
    ExploitationForm.SURROGACY,
)


class LabourType(models.TextChoices):
    """CTDC ``typeOfLabour*``."""

    AGRICULTURE = "typeOfLabourAgriculture", _("Agriculture")
    AQUAFARMING = "typeOfLabourAquafarming", _("Aquafarming and fishing")
    BEGGING = "typeOfLabourBegging", _("Begging")
    CONSTRUCTION = "typeOfLabourConstruction", _("Construction")
    DOMESTIC = "typeOfLabourDomesticWork", _("Domestic work")
    HOSPITALITY = "typeOfLabourHospitality", _("Hospitality")
    ILLICIT = "typeOfLabourIllicitActivities", _("Illicit activities")
    MANUFACTURING = "typeOfLabourManufacturing", _("Manufacturing")
    MINING = "typeOfLabourMiningOrDrilling", _("Mining or drilling")
    PEDDLING = "typeOfLabourPeddling", _("Peddling")
    TRANSPORTATION = "typeOfLabourTransportation", _("Transportation")
    OTHER = "typeOfLabourOther", _("Other")


class SexType(models.TextChoices):
    """CTDC ``typeOfSex*``."""

    PROSTITUTION = "typeOfSexProstitution", _("Prostitution")
    PORNOGRAPHY = "typeOfSexPornography", _("Pornography")
    REMOTE = "typeOfSexRemoteInteractiveServices", _("Remote interactive services (webcam, online)")
    PRIVATE = "typeOfSexPrivateSexualServices", _("Private sexual services")


class IsicSection(models.TextChoices):
    """ISIC Rev. 4 sections: the HTCDS forced-labour industry."""

    A = "A", _("A — Agriculture, forestry and fishing")
    B = "B", _("B — Mining and quarrying")
    C = "C", _("C — Manufacturing")
    D = "D", _("D — Electricity, gas, steam and air conditioning supply")
    E = "E", _("E — Water supply, sewerage, waste management")
    F = "F", _("F — Construction")
    G = "G", _("G — Wholesale and retail trade, repair of vehicles")
    H = "H", _("H — Transportation and storage")
    I = "I", _("I — Accommodation and food service")  # noqa: E741 — the section's letter
    J = "J", _("J — Information and communication")
    K = "K", _("K — Financial and insurance activities")
    L = "L", _("L — Real estate activities")
    M = "M", _("M — Professional, scientific and technical activities")
    N = "N", _("N — Administrative and support services")
    O = "O", _("O — Public administration and defence")  # noqa: E741 — the section's letter
    P = "P", _("P — Education")
    Q = "Q", _("Q — Human health and social work")
    R = "R", _("R — Arts, entertainment and recreation")
    S = "S", _("S — Other service activities")
    T = "T", _("T — Activities of households as employers")
    U = "U", _("U — Extraterritorial organisations")


class MeansOfControl(models.TextChoices):
    """CTDC ``meansOfControl*`` (the HTCDS methods of control)."""

    DEBT_BONDAGE = "meansOfControlDebtBondage", _("Debt bondage")
    TAKES_EARNINGS = "meansOfControlTakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "meansOfControlRestrictsFinancialAccess", _("Restricts access to money")
    THREATS = "meansOfControlThreats", _("Threats")
    PSYCHOLOGICAL_ABUSE = "meansOfControlPsychologicalAbuse", _("Psychological abuse")
    PHYSICAL_ABUSE = "meansOfControlPhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "meansOfControlSexualAbuse", _("Sexual abuse")
    FALSE_PROMISES = "meansOfControlFalsePromises", _("False promises")
    PSYCHOACTIVE_SUBSTANCES = "meansOfControlPsychoactiveSubstances", _("Psychoactive substances")
    RESTRICTS_MOVEMENT = "meansOfControlRestrictsMovement", _("Restricts movement")
    RESTRICTS_MEDICAL_CARE = "meansOfControlRestrictsMedicalCare", _("Restricts medical care")
    EXCESSIVE_HOURS = "meansOfControlExcessiveWorkingHours", _("Excessive working hours")
    USES_CHILDREN = "meansOfControlUsesChildren", _("Restricts access to the person's own children")
    THREAT_OF_LAW_ENFORCEMENT = "meansOfControlThreatOfLawEnforcement", _("Threat of law enforcement")
    WITHHOLDS_NECESSITIES = "meansOfControlWithholdsNecessities", _("Withholds necessities")
    WITHHOLDS_DOCUMENTS = "meansOfControlWithholdsDocuments", _("Withholds documents")
    OTHER = "meansOfControlOther", pgettext_lazy("means of control", "Other")


class RecruiterRelation(models.TextChoices):
    """CTDC ``recruiterRelation*`` (HTCDS: familial / acquainted / unacquainted)."""

    INTIMATE_PARTNER = "recruiterRelationIntimatePartner", _("Intimate partner")
    FRIEND = "recruiterRelationFriend", _("Friend or acquaintance")
    FAMILY = "recruiterRelationFamily", _("Family member or relative")
    OTHER = "recruiterRelationOther", _("Other (e.g. a stranger, an agency)")
    UNKNOWN = "recruiterRelationUnknown", _("Unknown")


class RecruitmentMethod(models.TextChoices):
    JOB_OFFER = "job_offer", _("Job offer (in person, by word of mouth)")
    ONLINE_ADVERT = "online_advert", _("Online advert or message")
    PRINT_ADVERT = "print_advert", _("Printed advert")
    AGENCY = "agency", _("Employment or travel agency")
    ACQUAINTANCE = "acquaintance", _("Through a friend or acquaintance")
    PARTNER = "partner", _("By a partner (romantic relationship)")
    FAMILY = "family", _("Arranged by family")
    ABDUCTION = "abduction", _("Abduction (CTDC isAbduction)")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class OnlinePlatform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TELEGRAM = "telegram", "Telegram"
    TIKTOK = "tiktok", "TikTok"
    VIBER = "viber", "Viber"
    WHATSAPP = "whatsapp", "WhatsApp"
    CLASSIFIEDS = "classifieds", _("Classified-ads site")
    JOB_PORTAL = "job_portal", _("Job portal")
    DATING = "dating", _("Dating site or app")
    OTHER = "other", pgettext_lazy("online platform", "Other")


class PerpetratorRole(models.TextChoices):
    """HTCDS ``per_`` role in the trafficking process. Roles only: no identity of perpetrators."""

    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    HARBOURER = "harbourer", _("Harbourer (provided housing)")
    EXPLOITER = "exploiter", _("Exploiter (employer, pimp)")
    CONTROLLER = "controller", _("Controller or guard")
    DOCUMENT_FORGER = "document_forger", _("Document forger")
    FINANCIER = "financier", _("Financier or money collector")
    SMUGGLER = "smuggler", _("Smuggler")
    OTHER = "other", pgettext_lazy("perpetrator role", "Other")


class JourneyStage(models.TextChoices):
    """HTCDS ``hte_`` historic events."""

    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")


class RepresentativeRelation(models.TextChoices):
    PARENT = "parent", _("Parent")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")
    CURATOR = "curator", _("Court-appointed representative (curator)")
    FOSTER = "foster", _("Foster family")
    INSTITUTION = "institution", _("Care institution")
    OTHER = "other", pgettext_lazy("representative of a minor", "Other")
