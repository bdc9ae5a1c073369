"""The first content of the public site, from ``content/<language>.json``.

Used by the data migration (with the historical models) and by ``public_load_content`` when a
language is added later. Existing texts are kept unless ``overwrite`` is asked for: once staff
have edited a text, their version is the one that counts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ostoja.public.languages import CODES

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# The descriptions in ``content/<language>.json`` ("partners": slug → text) belong to the organisations
# of the partner directory with these websites (its seed marks them public).
DESCRIBED: dict[str, str] = {
    "fairwork": "https://www.fairwork.nu",
    "faire-mobilitaet": "https://www.faire-mobilitaet.de",
    "iom": "https://poland.iom.int",
}


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


def open_terms(language: str) -> list[str]:
    """Wording in ``language`` that waits for a native speaker's decision (shown in the editor)."""
    path = CONTENT_DIR / f"{language}.json"
    return read(language).get("open_terms", []) if path.exists() else []


def review_of(content: dict[str, Any], key: str) -> tuple[str, dt.date | None]:
    """The recorded native-speaker review of one text: (name, date), or ("", None) for a draft."""
    review = content.get("review") or {}
    if key in review.get("texts", ()):
        return review["by"], dt.date.fromisoformat(review["on"])
    return "", None


def load(
    *,
    PublicText,
    CentreContact,
    Organisation=None,
    PartnerDescription=None,
    overwrite: bool = False,
    replace_unedited: bool = False,
    languages=CODES,
) -> int:
    """Creates missing texts and descriptions of the directory's public partners; returns how many
    rows it wrote (descriptions only when ``Organisation`` and ``PartnerDescription`` are given).

    ``overwrite`` replaces every text; ``replace_unedited`` only those no member of staff has saved
    (corrections shipped with a new version must not undo what the centre wrote itself).
    """
    written = 0
    described = {}
    if Organisation is not None and PartnerDescription is not None:
        for slug, website in DESCRIBED.items():
            # The first card of the organisation on the public page (Faire Mobilität has six centres).
            found = Organisation.objects.filter(website=website).order_by("-public", "order", "pk").first()
            if found is not None:
                described[slug] = found
    # The first data migration runs with a model from before review fields existed.
    has_review = "reviewed_by" in {field.name for field in PublicText._meta.get_fields()}
    if not CentreContact.objects.filter(pk=1).exists():
        CentreContact.objects.create(pk=1, confirmed=False, **EXAMPLE_CONTACT)
        written += 1
    for language in languages:
        content = read(language)
        for key, text in content["texts"].items():
            body = "\n".join(text["body"])
            reviewed_by, reviewed_on = review_of(content, key)
            review = {"reviewed_by": reviewed_by, "reviewed_on": reviewed_on} if has_review else {}
            existing = PublicText.objects.filter(language=language, key=key).first()
            if existing is None:
                PublicText.objects.create(
                    language=language, key=key, title=text["title"], body=body, **review
                )
                written += 1
            elif overwrite or (replace_unedited and existing.updated_by_id is None):
                existing.title, existing.body = text["title"], body
                for name, value in review.items():
                    setattr(existing, name, value)
                existing.save(update_fields=["title", "body", *review, "updated_at"])
                written += 1
        for slug, description in content.get("partners", {}).items():
            organisation = described.get(slug)
            if organisation is None:
                continue
            found = PartnerDescription.objects.filter(organisation=organisation, language=language).first()
            if found is None:
                PartnerDescription.objects.create(
                    organisation=organisation, language=language, text=description
                )
                written += 1
            elif overwrite:
                found.text = description
                found.save(update_fields=["text"])
                written += 1
    return written
