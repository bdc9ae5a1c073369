"""Reading what a public page shows: texts, contact details, partners, documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ostoja.partners.models import Organisation, PublicGroup
from ostoja.people.countries import country_name
from ostoja.public.models import CentreContact, LibraryDocument, PartnerDescription, PublicText


@dataclass(frozen=True)
class Page:
    name: str  # URL name in the "public" namespace
    label: str | Promise  # menu label
    keys: tuple[str, ...]  # PublicText keys shown, in order


PAGES: tuple[Page, ...] = (
    Page("home", _("Home"), ("about", "free")),
    Page("help", _("Help we give"), ("help",)),
    Page("rights", _("Your rights"), ("rights",)),
    Page("contact", _("Contact"), ("contact", "after_call")),
    Page("react", _("React!"), ("react",)),
    Page("report", _("Report"), ("report",)),
    Page("abroad", _("Working abroad"), ("abroad", "return")),
    Page("downloads", _("Downloads"), ()),
    Page("safety", _("Hide your visit"), ("safety",)),
)
PAGE_BY_NAME = {page.name: page for page in PAGES}


def texts_for(language: str, keys) -> list[PublicText]:
    found = PublicText.objects.filter(language=language, key__in=list(keys)).for_language(language)
    return [found[key] for key in keys if key in found]


@cache
def _language_names(language: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse({"tl": "fil"}.get(language, language)).languages)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").languages)


def language_name(code: str, language: str) -> str:
    """A language of advice named in the language of the page ("Polnisch" on the German page)."""
    return _language_names(language).get(code, code)


@dataclass
class PublicPartner:
    """One organisation as the public page shows it: the directory's entries of the same name and
    website in one section make one card (Faire Mobilität's advice centres are one card, their
    cities listed)."""

    pk: int  # the first entry's, which carries the descriptions
    name: str
    group: str
    country: str
    website: str
    phone: str = ""
    description: str = ""
    places: list[str] = field(default_factory=list)
    language_codes: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def country_name(self) -> str:
        return country_name(self.country, self.language)

    @property
    def place_list(self) -> list[str]:
        return self.places

    @property
    def counselling_languages(self) -> str:
        return ", ".join(language_name(code, self.language) for code in self.language_codes)


def public_partners(language: str) -> list[PublicPartner]:
    """The partner directory's organisations marked public, as cards in the order of the page."""
    organisations = Organisation.objects.shown_publicly().prefetch_related(
        Prefetch(
            "public_descriptions",
            queryset=PartnerDescription.objects.filter(language=language),
            to_attr="here",
        )
    )
    cards: dict[tuple[str, str, str], PublicPartner] = {}
    for organisation in organisations:
        key = (organisation.public_group, organisation.name, organisation.website)
        card = cards.get(key)
        if card is None:
            card = cards[key] = PublicPartner(
                pk=organisation.pk, name=organisation.name, group=organisation.public_group,
                country=organisation.country, website=organisation.website, language=language,
            )  # fmt: skip
        if not card.description and organisation.here:
            card.description = organisation.here[0].text
        if organisation.city and organisation.city not in card.places:
            card.places.append(organisation.city)
        for code in organisation.languages:
            if code not in card.language_codes:
                card.language_codes.append(code)
        if card.phone == "" and organisation.phone:
            card.phone = organisation.phone
    for card in cards.values():
        card.places.sort()
        if len(card.places) > 1:
            card.phone = ""  # each centre has its own number: the website gives them
    return list(cards.values())


def partners_for(language: str) -> dict[str, list[PublicPartner]]:
    """Shown partners by section of the page, each with ``description`` in ``language`` (or empty)."""
    grouped: dict[str, list[PublicPartner]] = {group: [] for group in PublicGroup.values}
    for card in public_partners(language):
        grouped[card.group].append(card)
    return grouped


def page_context(language: str, keys) -> dict:
    texts = texts_for(language, keys)
    context = {
        "texts": {text.key: text for text in texts},
        "ordered_texts": texts,
        "contact": CentreContact.current(),
    }
    if "abroad" in keys or "return" in keys:
        partners = partners_for(language)
        context["partners_abroad"] = partners[PublicGroup.WORKERS_ABROAD]
        context["partners_return"] = partners[PublicGroup.RETURN]
    return context


def documents_for(language: str) -> tuple[list[LibraryDocument], list[LibraryDocument]]:
    """Published documents in ``language`` first, then those in other languages."""
    documents = list(LibraryDocument.objects.published().order_by("title"))
    return (
        [d for d in documents if d.language == language],
        [d for d in documents if d.language != language],
    )
