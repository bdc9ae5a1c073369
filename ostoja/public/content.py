"""Reading what a public page shows: texts, contact details, partners, documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ostoja.public.models import (
    CentreContact,
    LibraryDocument,
    Partner,
    PartnerDescription,
    PartnerKind,
    PublicText,
)


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


def partners_for(language: str) -> dict[str, list[Partner]]:
    """Shown partners by kind, each with ``description`` in ``language`` (or empty)."""
    partners = Partner.objects.shown().prefetch_related(
        Prefetch(
            "descriptions", queryset=PartnerDescription.objects.filter(language=language), to_attr="here"
        )
    )
    grouped: dict[str, list[Partner]] = {kind: [] for kind in PartnerKind.values}
    for partner in partners:
        partner.description = partner.here[0].text if partner.here else ""
        grouped[partner.kind].append(partner)
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
        context["partners_abroad"] = partners[PartnerKind.WORKERS_ABROAD]
        context["partners_return"] = partners[PartnerKind.RETURN]
    return context


def documents_for(language: str) -> tuple[list[LibraryDocument], list[LibraryDocument]]:
    """Published documents in ``language`` first, then those in other languages."""
    documents = list(LibraryDocument.objects.published().order_by("title"))
    return (
        [d for d in documents if d.language == language],
        [d for d in documents if d.language != language],
    )
