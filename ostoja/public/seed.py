"""The first content of the public site, from ``content/<language>.json``.

Used by the data migration (with the historical models) and by ``public_load_content`` when a
language is added later. Existing texts are kept unless ``overwrite`` is asked for: once staff
have edited a text, their version is the one that counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ostoja.public.languages import CODES

CONTENT_DIR = Path(__file__).resolve().parent / "content"

PARTNERS: list[dict[str, Any]] = [
    {
        "slug": "fairwork",
        "name": "FairWork",
        "kind": "workers_abroad",
        "country": "Nederland",
        "places": "",
        "website": "https://www.fairwork.nu",
        "counselling_languages": "Nederlands, English, Polski",
        "order": 10,
    },
    {
        "slug": "faire-mobilitaet",
        "name": "Faire Mobilität",
        "kind": "workers_abroad",
        "country": "Deutschland",
        "places": "Berlin, Dortmund, Frankfurt am Main, Hamburg, München, Stuttgart",
        "website": "https://www.faire-mobilitaet.de",
        "counselling_languages": "Deutsch, Polski",
        "order": 20,
    },
    {
        "slug": "iom",
        "name": "IOM — International Organization for Migration",
        "kind": "return",
        "country": "Polska",
        "places": "",
        "website": "https://poland.iom.int",
        "counselling_languages": "",
        "order": 10,
    },
]

# Example contact details for a fresh installation. They are fictional (an unassigned-looking
# Warsaw number, a reserved .example domain, a made-up PO box) and stay marked as unconfirmed
# until staff save the real ones.
EXAMPLE_CONTACT = {
    "phone": "+48 22 000 00 00",
    "email": "pomoc@kcik.example",
    "postal_address": "Skrytka pocztowa 00\n00-950 Warszawa",
}


def read(language: str) -> dict[str, Any]:
    return json.loads((CONTENT_DIR / f"{language}.json").read_text(encoding="utf-8"))


def load(
    *, PublicText, Partner, PartnerDescription, CentreContact, overwrite: bool = False, languages=CODES
) -> int:
    """Creates missing texts, partners and descriptions; returns how many rows it wrote."""
    written = 0
    partners = {}
    for spec in PARTNERS:
        fields = {k: v for k, v in spec.items() if k != "slug"}
        partner = Partner.objects.filter(name=spec["name"]).first()
        if partner is None:
            partner = Partner.objects.create(**fields)
            written += 1
        partners[spec["slug"]] = partner
    if not CentreContact.objects.filter(pk=1).exists():
        CentreContact.objects.create(pk=1, confirmed=False, **EXAMPLE_CONTACT)
        written += 1
    for language in languages:
        content = read(language)
        for key, text in content["texts"].items():
            body = "\n".join(text["body"])
            existing = PublicText.objects.filter(language=language, key=key).first()
            if existing is None:
                PublicText.objects.create(language=language, key=key, title=text["title"], body=body)
                written += 1
            elif overwrite:
                existing.title, existing.body = text["title"], body
                existing.save(update_fields=["title", "body", "updated_at"])
                written += 1
        for slug, description in content.get("partners", {}).items():
            partner = partners[slug]
            found = PartnerDescription.objects.filter(partner=partner, language=language).first()
            if found is None:
                PartnerDescription.objects.create(partner=partner, language=language, text=description)
                written += 1
            elif overwrite:
                found.text = description
                found.save(update_fields=["text"])
                written += 1
    return written
