"""The referral letter as a tagged PDF in the partner's language.

Its wording is kept here for each language a letter exists in (the staff catalogues hold only
Polish and English). It prints the case number, the purpose and exactly the items the referral
shares — which the consent allowed — and never an address of the person or of a shelter.
WeasyPrint renders it as PDF/UA-1 with a URL fetcher that fetches nothing.
"""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import timezone

from ostoja.consent.codes import ShareItem
from ostoja.people.countries import country_name
from ostoja.referrals.models import Referral

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

WORDS: dict[str, dict[str, object]] = {
    "pl": {
        "name": "polski",
        "title": "Skierowanie",
        "intro": "Kierujemy do Państwa osobę, którą wspiera nasze centrum, za jej zgodą.",
        "reference": "Nasz numer sprawy",
        "purpose": "Cel skierowania",
        "shared": "Przekazywane dane (tylko te, na które osoba wyraziła zgodę)",
        "nothing": "Nie przekazujemy danych osobowych; prosimy o kontakt przez nasze centrum.",
        "contact": "Osoba kontaktowa w centrum",
        "date": "Data",
        "confidential": "Poufne. Dane wolno wykorzystać wyłącznie w celu tego skierowania.",
        "override": "Przekazano bez zgody osoby z powodu zagrożenia życia, decyzją przełożonej/przełożonego.",
        "purposes": {
            "voluntary_return": "dobrowolny powrót",
            "labour_rights": "porada w sprawie praw pracowniczych",
            "shelter": "schronienie",
            "medical": "opieka medyczna",
            "legal": "pomoc prawna",
            "psychological": "pomoc psychologiczna",
            "reintegration": "reintegracja po powrocie",
            "other": "inne",
        },
        "items": {
            "name": "Imię i nazwisko",
            "date_of_birth": "Data urodzenia",
            "citizenship": "Obywatelstwo",
            "languages": "Języki",
            "phone": "Bezpieczny numer telefonu",
            "situation": "Opis sytuacji",
        },
    },
    "en": {
        "name": "English",
        "title": "Referral",
        "intro": "We refer to you a person our centre supports, with their consent.",
        "reference": "Our case number",
        "purpose": "Purpose of the referral",
        "shared": "Data shared (only what the person consented to)",
        "nothing": "We share no personal data; please make contact through our centre.",
        "contact": "Contact person at the centre",
        "date": "Date",
        "confidential": "Confidential. The data may be used only for this referral.",
        "override": "Shared without the person's consent because of a danger to life, on a supervisor's decision.",
        "purposes": {
            "voluntary_return": "voluntary return",
            "labour_rights": "labour-rights advice",
            "shelter": "shelter",
            "medical": "medical care",
            "legal": "legal help",
            "psychological": "psychological help",
            "reintegration": "reintegration after return",
            "other": "other",
        },
        "items": {
            "name": "Name",
            "date_of_birth": "Date of birth",
            "citizenship": "Citizenship",
            "languages": "Languages",
            "phone": "Safe phone number",
            "situation": "Summary of the situation",
        },
    },
    "de": {
        "name": "Deutsch",
        "title": "Überweisung",
        "intro": "Wir überweisen Ihnen eine Person, die unser Zentrum unterstützt, mit ihrer Einwilligung.",
        "reference": "Unser Aktenzeichen",
        "purpose": "Zweck der Überweisung",
        "shared": "Übermittelte Daten (nur soweit die Person eingewilligt hat)",
        "nothing": "Wir übermitteln keine personenbezogenen Daten; bitte nehmen Sie über unser Zentrum Kontakt auf.",
        "contact": "Ansprechperson im Zentrum",
        "date": "Datum",
        "confidential": "Vertraulich. Die Daten dürfen nur für diese Überweisung verwendet werden.",
        "override": "Ohne Einwilligung der Person wegen Lebensgefahr übermittelt, auf Entscheidung der Leitung.",
        "purposes": {
            "voluntary_return": "freiwillige Rückkehr",
            "labour_rights": "arbeitsrechtliche Beratung",
            "shelter": "Unterkunft",
            "medical": "medizinische Versorgung",
            "legal": "rechtliche Hilfe",
            "psychological": "psychologische Hilfe",
            "reintegration": "Reintegration nach der Rückkehr",
            "other": "Sonstiges",
        },
        "items": {
            "name": "Name",
            "date_of_birth": "Geburtsdatum",
            "citizenship": "Staatsangehörigkeit",
            "languages": "Sprachen",
            "phone": "Sichere Telefonnummer",
            "situation": "Beschreibung der Lage",
        },
    },
    "nl": {
        "name": "Nederlands",
        "title": "Verwijzing",
        "intro": "Wij verwijzen een persoon die ons centrum ondersteunt naar u door, met diens toestemming.",
        "reference": "Ons dossiernummer",
        "purpose": "Doel van de verwijzing",
        "shared": "Gedeelde gegevens (alleen waarvoor de persoon toestemming gaf)",
        "nothing": "Wij delen geen persoonsgegevens; neem contact op via ons centrum.",
        "contact": "Contactpersoon bij het centrum",
        "date": "Datum",
        "confidential": "Vertrouwelijk. De gegevens mogen alleen voor deze verwijzing worden gebruikt.",
        "override": "Gedeeld zonder toestemming van de persoon wegens levensgevaar, op besluit van een leidinggevende.",
        "purposes": {
            "voluntary_return": "vrijwillige terugkeer",
            "labour_rights": "advies over arbeidsrechten",
            "shelter": "opvang",
            "medical": "medische zorg",
            "legal": "juridische hulp",
            "psychological": "psychologische hulp",
            "reintegration": "re-integratie na terugkeer",
            "other": "overig",
        },
        "items": {
            "name": "Naam",
            "date_of_birth": "Geboortedatum",
            "citizenship": "Nationaliteit",
            "languages": "Talen",
            "phone": "Veilig telefoonnummer",
            "situation": "Beschrijving van de situatie",
        },
    },
}
LANGUAGES = tuple(WORDS)


def _value(referral: Referral, item: str, language: str) -> str:
    person = referral.case.person
    if item == ShareItem.NAME:
        latin = " ".join(p for p in (person.given_name_latin, person.family_name_latin) if p)
        return latin or " ".join(p for p in (person.given_name, person.family_name) if p)
    if item == ShareItem.DATE_OF_BIRTH:
        return person.date_of_birth.isoformat() if person.date_of_birth else "—"
    if item == ShareItem.CITIZENSHIP:
        return ", ".join(country_name(code, language) for code in person.citizenships or []) or "—"
    if item == ShareItem.LANGUAGES:
        return ", ".join(person.languages or []) or "—"
    if item == ShareItem.PHONE:
        from ostoja.people.codes import ChannelKind, Safety

        phone = person.channels.filter(kind=ChannelKind.PHONE, safety=Safety.SAFE).order_by("pk").first()
        return phone.value if phone else "—"
    if item == ShareItem.SITUATION:
        return referral.situation or "—"
    raise ValueError(f"Not an item a letter may print: {item}")


def letter_rows(referral: Referral) -> list[tuple[str, str]]:
    """(label, value) of each shared item, in the letter's language and in the order of the list."""
    words = WORDS[referral.letter_language]
    labels: dict = words["items"]  # type: ignore[assignment]
    chosen = set(referral.items)
    return [
        (labels[item], _value(referral, item, referral.letter_language))
        for item in ShareItem.values
        if item in chosen
    ]


def letter_html(referral: Referral) -> str:
    words = WORDS[referral.letter_language]
    purposes: dict = words["purposes"]  # type: ignore[assignment]
    context = {
        "lang": referral.letter_language,
        "w": words,
        "referral": referral,
        "purpose": purposes.get(referral.purpose, referral.purpose),
        "rows": letter_rows(referral),
        "today": timezone.localdate().isoformat(),
        "sender": referral.created_by.get_full_name() or referral.created_by.get_username(),
    }
    return render_to_string("referrals/letter.html", context)


def _refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The letter fetches nothing ({url[:60]}).")

    return RefusingFetcher()


def letter_pdf(referral: Referral) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(referral), url_fetcher=_refusing_fetcher(), base_url=None).write_pdf(
        pdf_variant="pdf/ua-1"
    )
