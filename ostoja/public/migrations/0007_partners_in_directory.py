"""The public site's partners become entries of the one partner directory.

Each partner of the public app's own list is matched to the directory's organisations with the same
website (else the same name) — the directory's seed already holds IOM, Fairwork and the six Faire
Mobilität advice centres — or added to the directory (one entry per advice centre's city). The
matched entries are marked public, in the partner's section and order; the descriptions in every
language move to the first of them; then the public app's list is removed.
"""

import django.db.models.deletion
from django.db import migrations, models

SERVICES = {"workers_abroad": ["labour_rights"], "return": ["voluntary_return"]}
KINDS = {"workers_abroad": "other", "return": "international"}


def _language_codes(text):
    """Codes of counselling languages written by name ("Deutsch, Polski"); names not known are returned apart."""
    from babel import Locale

    names = {}
    for code in ("pl", "en", "de", "nl", "fr", "es", "uk", "ru", "ro", "bg", "vi", "ka", "be", "ar", "it", "pt"):
        for language in {code, "en", "pl"}:
            try:
                names[Locale.parse(language).languages[code].casefold()] = code
            except (KeyError, ValueError):
                continue
    codes, unknown = [], []
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        code = names.get(part.casefold())
        if code and code not in codes:
            codes.append(code)
        elif not code:
            unknown.append(part)
    return codes, unknown


def move(apps, schema_editor):
    Partner = apps.get_model("public", "Partner")
    Organisation = apps.get_model("partners", "Organisation")
    Description = apps.get_model("public", "PartnerDescription")
    for partner in Partner.objects.order_by("kind", "order", "pk"):
        matches = []
        if partner.website:
            matches = list(Organisation.objects.filter(website=partner.website).order_by("order", "pk"))
        if not matches:
            matches = list(Organisation.objects.filter(name=partner.name).order_by("order", "pk"))
        if not matches:
            codes, unknown = _language_codes(partner.counselling_languages)
            country = partner.country.strip().upper()
            notes = []
            if len(country) != 2 or not country.isalpha():
                notes.append(f"Kraj (z listy strony publicznej): {partner.country}" if partner.country else "")
                country = ""
            if unknown:
                notes.append("Języki porad: " + ", ".join(unknown))
            places = [p.strip() for p in partner.places.split(",") if p.strip()] or [""]
            for city in places:
                matches.append(
                    Organisation.objects.create(
                        name=partner.name, kind=KINDS.get(partner.kind, "other"),
                        services=SERVICES.get(partner.kind, []), languages=codes, country=country,
                        city=city[:100], phone=partner.phone, website=partner.website,
                        notes="\n".join(n for n in notes if n),
                    )
                )  # fmt: skip
        for organisation in matches:
            organisation.public = partner.active
            organisation.public_group = partner.kind
            organisation.order = partner.order
            if partner.phone and not organisation.phone and len(matches) == 1:
                organisation.phone = partner.phone
            organisation.save()
        Description.objects.filter(partner=partner).update(organisation=matches[0])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_seed_directory"),
        ("public", "0006_review_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnerdescription",
            name="organisation",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="public_descriptions",
                to="partners.organisation",
            ),
        ),
        migrations.RunPython(move, elidable=False),
    ]
