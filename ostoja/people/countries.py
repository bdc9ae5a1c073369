"""Countries as ISO 3166-1 alpha-2 codes (and XK, the code in common use for Kosovo), named in the
reader's language.

Records store the code; pages show the name in the language of the page, from the Unicode CLDR
data that Babel carries (every public language has it). ``code_for`` reads a country's name as
someone typed it, in any language CLDR knows, for turning old free-text values into codes.
``language_choices`` lists languages the same way, for the pickers of forms.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from django.utils import translation

_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
)
COUNTRY_CODES = frozenset(_CODES.split(" "))

# Babel knows Filipino as "fil"; the public site uses the older code "tl".
_BABEL_LOCALE = {"tl": "fil"}


@cache
def _names(language: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    base = (language or "en").split("-")[0].lower()
    try:
        territories = Locale.parse(_BABEL_LOCALE.get(base, base)).territories
    except (UnknownLocaleError, ValueError):
        territories = Locale.parse("en").territories
    english = Locale.parse("en").territories
    return {code: territories.get(code) or english.get(code) or code for code in COUNTRY_CODES}


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in ``language`` (the active language by default); an unknown value as it is."""
    if not code:
        return ""
    upper = code.strip().upper()
    if upper not in COUNTRY_CODES:
        return code
    return _names(language or translation.get_language() or "en")[upper]


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """``(code, name)`` for every country, in alphabetical order of the names in ``language``."""
    names = _names(language or translation.get_language() or "en")
    return sorted(names.items(), key=lambda item: _sort_key(item[1]))


@cache
def _every_name() -> dict[str, str]:
    """Every name CLDR gives a country in any language, folded, mapped to its code."""
    from babel import Locale, localedata

    found: dict[str, str] = {}
    for identifier in localedata.locale_identifiers():
        try:
            territories = Locale.parse(identifier).territories
        except Exception:  # noqa: S112 — a locale Babel lists but cannot load has nothing to add
            continue
        for code, name in territories.items():
            if code in COUNTRY_CODES:
                found.setdefault(_sort_key(name), code)
    for code in COUNTRY_CODES:
        found[_sort_key(code)] = code
    return found


def code_for(text: str) -> str:
    """The code of a country written by name in any language ("Deutschland", "Niemcy"), or ""."""
    folded = _sort_key(" ".join((text or "").split()).strip(" .,"))
    if not folded:
        return ""
    return _every_name().get(folded, "")


def language_choices() -> list[tuple[str, str]]:
    """``(code, "name in the reader's language — its own name")`` for the languages Django knows."""
    from django.conf.locale import LANG_INFO
    from django.utils.translation import gettext

    rows = []
    for code, info in LANG_INFO.items():
        if "name" not in info or "-" in code or "_" in code:
            continue
        name, own = gettext(info["name"]), info.get("name_local", "")
        label = f"{name} — {own}" if own and own.casefold() != name.casefold() else name
        rows.append((code, label))
    return sorted(rows, key=lambda row: _sort_key(row[1]))
