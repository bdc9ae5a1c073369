"""The centre's catalogue as first installed (codes with Polish and English names); administrators
extend and rename it under Services → Catalogue."""

CATALOGUE = [
    ("phone_consultation", "Konsultacja telefoniczna", "Phone consultation"),
    ("initial_needs_assessment", "Wstępna ocena potrzeb", "Initial needs assessment"),
    ("social_worker_meeting", "Spotkanie z pracownikiem socjalnym", "Meeting with a social worker"),
    ("safety_assessment", "Ocena bezpieczeństwa", "Safety assessment"),
    ("crisis_food", "Interwencja kryzysowa: żywność", "Crisis intervention: food"),
    ("crisis_accommodation", "Interwencja kryzysowa: krótkoterminowe zakwaterowanie",
     "Crisis intervention: short-term accommodation"),
    ("medical_help", "Pomoc medyczna", "Medical help"),
    ("psychological_help", "Pomoc psychologiczna", "Psychological help"),
    ("legal_criminal", "Konsultacja prawna: postępowanie karne", "Legal consultation: criminal procedure"),
    ("legal_residence", "Konsultacja prawna: prawo pobytowe", "Legal consultation: residence law"),
    ("legal_family", "Konsultacja prawna: prawo rodzinne", "Legal consultation: family law"),
    ("institutions", "Pomoc w kontaktach z instytucjami", "Help with institutions"),
    ("law_enforcement", "Asysta w kontaktach z organami ścigania i sądami", "Assistance with law enforcement and courts"),
    ("documents", "Odtwarzanie dokumentów", "Document restoration"),
    ("future_planning", "Planowanie dalszego życia", "Planning further life"),
    ("interpretation", "Tłumaczenie", "Interpretation"),
    ("transport", "Transport", "Transport"),
    # What a partner organisation gave on a referral linked to a plan goal, where no kind above fits.
    ("partner_service", "Usługa organizacji partnerskiej (skierowanie)", "Partner organisation's service (referral)"),
]  # fmt: skip

# The kind of service a completed referral delivered, by the referral's purpose (partner services);
# every other purpose is "partner_service".
BY_REFERRAL_PURPOSE = {
    "shelter": "crisis_accommodation",
    "medical": "medical_help",
    "psychological": "psychological_help",
}
FALLBACK = "partner_service"


def install(Service) -> int:
    """Adds the services of the catalogue that are missing (by code); returns how many."""
    have = set(Service.objects.values_list("code", flat=True))
    new = [
        Service(code=code, name_pl=pl, name_en=en, position=n * 10)
        for n, (code, pl, en) in enumerate(CATALOGUE, start=1)
        if code not in have
    ]
    Service.objects.bulk_create(new)
    return len(new)
