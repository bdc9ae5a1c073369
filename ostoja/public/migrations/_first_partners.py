"""The public site's own partner list as migration 0002 first seeded it, frozen here.

The public app kept its own list of partners until they became entries of the partner directory
(migration 0007 moves them there); the historical migrations still create that list, so that an
installation migrated step by step and one migrated at once end the same.
"""

from __future__ import annotations

import json
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

PARTNERS = [
    {
        "slug": "fairwork", "name": "Fairwork", "kind": "workers_abroad", "country": "NL", "places": "",
        "website": "https://www.fairwork.nu", "counselling_languages": "Nederlands, English, Polski", "order": 10,
    },
    {
        "slug": "faire-mobilitaet", "name": "Faire Mobilität", "kind": "workers_abroad", "country": "DE",
        "places": "Berlin, Dortmund, Frankfurt am Main, Hamburg, München, Stuttgart",
        "website": "https://www.faire-mobilitaet.de", "counselling_languages": "Deutsch, Polski", "order": 20,
    },
    {
        "slug": "iom", "name": "IOM — International Organization for Migration", "kind": "return", "country": "PL",
        "places": "", "website": "https://poland.iom.int", "counselling_languages": "", "order": 10,
    },
]  # fmt: skip


def load(Partner, PartnerDescription, languages) -> None:
    partners = {}
    for spec in PARTNERS:
        fields = {k: v for k, v in spec.items() if k != "slug"}
        partner = (
            Partner.objects.filter(website=spec["website"]).first()
            or Partner.objects.filter(name=spec["name"]).first()
            or Partner.objects.create(**fields)
        )
        partners[spec["slug"]] = partner
    for language in languages:
        path = CONTENT_DIR / f"{language}.json"
        if not path.exists():
            continue
        for slug, text in json.loads(path.read_text(encoding="utf-8")).get("partners", {}).items():
            if not PartnerDescription.objects.filter(partner=partners[slug], language=language).exists():
                PartnerDescription.objects.create(partner=partners[slug], language=language, text=text)
