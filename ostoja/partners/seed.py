"""The directory of a fresh installation: IOM's voluntary return programme, FairWork and the
Faire Mobilität advice centres named in the centre's referral practice.

Only contact facts checked against the organisations' own published pages are filled in; what
could not be checked (most street addresses and phone numbers of the advice centres) is left
empty for the centre's staff to add, never guessed. Administrators edit everything here.
"""

from __future__ import annotations

from typing import Any

FAIRE_MOBILITAET_REFER = (
    "Bezpłatne porady w językach pracowników z prawa pracy i ubezpieczeń społecznych. Aktualny adres i "
    "telefon każdego punktu porad podaje faire-mobilitaet.de (Beratungsstellen)."
)

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "IOM — International Organization for Migration",
        "kind": "international",
        "services": ["voluntary_return", "reintegration"],
        "languages": [],
        "country": "PL",
        "city": "Warszawa",
        # avr.iom.pl (contact and eligibility pages)
        "address": "ul. Wiejska 12\n00-490 Warszawa",
        "phone": "+48 22 538 91 86",
        "website": "https://poland.iom.int",
        "how_to_refer": (
            "Wspierane dobrowolne powroty i reintegracja cudzoziemców opuszczających Polskę, także ofiar handlu "
            "ludźmi (z oceną ryzyka powrotu). Wniosek i sprawdzenie uprawnień online na avr.iom.pl; pytania "
            "telefonicznie."
        ),
        "public": True,
        "public_group": "return",
        "order": 10,
    },
    {
        "name": "FairWork",
        "kind": "ngo",
        "services": ["labour_rights", "legal"],
        "languages": ["nl", "en", "pl"],
        "country": "NL",
        "city": "",
        "website": "https://www.fairwork.nu",
        "how_to_refer": "Wsparcie dla pracowników wyzyskiwanych w Holandii (poza branżą seksualną); kontakt przez fairwork.nu.",
        "public": True,
        "public_group": "workers_abroad",
        "order": 10,
    },
]

for order, city in enumerate(
    ["Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "München", "Stuttgart"], start=20
):
    ORGANISATIONS.append(
        {
            "name": "Faire Mobilität",
            "kind": "trade_union",
            "services": ["labour_rights"],
            "languages": ["de", "pl"],
            "country": "DE",
            "city": city,
            "website": "https://www.faire-mobilitaet.de",
            "how_to_refer": FAIRE_MOBILITAET_REFER,
            "notes": (
                "Nie było go wśród punktów porad wymienionych przez sieć w listopadzie 2025: przed skierowaniem "
                "sprawdź, czy nadal udziela porad."
                if city == "Hamburg"
                else ""
            ),
            "public": True,
            "public_group": "workers_abroad",
            "order": order,
        }
    )


def load(Organisation) -> int:
    """Creates the organisations not yet in the directory (by name and city); returns how many."""
    made = 0
    for spec in ORGANISATIONS:
        if not Organisation.objects.filter(name=spec["name"], city=spec["city"]).exists():
            Organisation.objects.create(**spec)
            made += 1
    return made
