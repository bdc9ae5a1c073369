"""Information leaflets as PDF, one per language, made from the same texts as the pages.

WeasyPrint renders with the fonts installed on the server (Debian's Noto fonts cover every script
of the public languages). It must never fetch anything: the leaflet template inlines its style,
and the URL fetcher refuses every address.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation

from ostoja.partners.models import Organisation
from ostoja.public import content as public_content
from ostoja.public.languages import get as get_language
from ostoja.public.models import CentreContact, PartnerDescription, PublicText

# WeasyPrint reports every layout step at INFO; the server log needs none of that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

LEAFLET_KEYS = ["about", "free", "help", "rights", "contact", "after_call", "react", "abroad", "return"]


def refusing_fetcher():
    """A WeasyPrint URL fetcher that fetches nothing, local files included."""
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The leaflet fetches nothing ({url[:60]}).")

    return RefusingFetcher()


def _version(language: str) -> str:
    """Changes whenever anything printed in the leaflet changes, so the cache never serves old text."""
    marks = [
        PublicText.objects.filter(language=language).aggregate(m=Max("updated_at"))["m"],
        Organisation.objects.aggregate(m=Max("updated_at"))["m"],
        # A few short texts: hashed as they are, so any edit of a description shows.
        list(PartnerDescription.objects.filter(language=language).order_by("pk").values_list("pk", "text")),
        CentreContact.objects.filter(pk=1).values_list("updated_at", flat=True).first(),
    ]
    return hashlib.sha256(repr(marks).encode()).hexdigest()[:16]


def leaflet_html(language: str) -> str:
    info = get_language(language)
    with translation.override(language):
        context = public_content.page_context(language, LEAFLET_KEYS)
        context.update({"lang": info.code, "dir": info.direction, "language": info})
        return render_to_string("public/leaflet.html", context)


def leaflet_pdf(language: str) -> bytes:
    key = f"public-leaflet:{language}:{_version(language)}"
    found = cache.get(key)
    if found is not None:
        return found
    from weasyprint import HTML

    # PDF/UA-1: a tagged PDF (headings, paragraphs, lists and reading order for screen readers), with
    # the document's language and its title shown instead of the file name.
    pdf = HTML(string=leaflet_html(language), url_fetcher=refusing_fetcher(), base_url=None).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    cache.set(key, pdf, 24 * 3600)
    return pdf
