"""Canonical forms of names, phone numbers and document numbers, for blind-index search.

The people the centre helps come with names written in Cyrillic, Georgian, Greek and Latin scripts,
and each name reaches the records in several spellings: the passport's English transliteration, a
Polish one made by the police, the original script typed by a colleague. Search and the duplicate
warning must find "Юлія Шевченко" from "Yuliia Shevchenko" and from "Julija Szewczenko".

Names are folded to a small phonetic skeleton: lower-case vowels and consonants plus ``S`` (ш),
``C`` (ч) and ``Z`` (ж). Each script has its own reader; where a spelling is ambiguous the word is
read several whole-word ways ("readings") and every reading becomes a key:

* Latin is read the Polish way (``ch`` = х, ``j`` = й, ``rz`` = ж) and the English way (``ch`` = ч,
  ``j`` = дж), each with letters like ``ż š ș ü ę`` both sounded (ж ш ш ue ен) and with their
  marks simply dropped, as people often type them.
* Cyrillic is read with ``г`` as ``h`` (Ukrainian, Belarusian) and as ``g`` (Russian, Bulgarian),
  ``ё`` as ``io`` and as ``e``, and, for words that could be Bulgarian, ``щ`` as ``sht`` and ``ъ`` as
  ``a``.
* Georgian follows the national romanisation; Greek follows ELOT 743; any other script is kept as
  written, so names in it still match themselves exactly.

Every reading then goes through the same canonical step, which absorbs what transliterations
disagree on: ``y j i`` become one ``i`` (so ``ya ja ia`` all read я), ``w`` is ``v``, ``ts`` is ``ц``,
doubled letters collapse, ``ie`` becomes ``e`` (Polish writes Russian ``е`` as ``ie``) and ``l``
loses a following ``i`` before a vowel (Polish and Belarusian Łacinka write ``ля`` as ``la``).

A query matches a record when every query word shares a key with some record word
(:func:`words_match`); word order is free. The folding errs towards more matches because it feeds
a search by staff and a duplicate warning, never an automatic merge.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

import phonenumbers

__all__ = ["MAX_KEYS_PER_WORD", "document_key", "name_keys", "phone_e164", "words_match"]

MAX_KEYS_PER_WORD = 8

_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘ʼʻʹʽ`´ꞌ", None))

# --- Latin ------------------------------------------------------------------------------------

# Letters whose sound differs from the letter left once the marks are dropped: (sounded, dropped).
_LATIN_SOUNDED = {
    "ż": ("Z", "z"),
    "ž": ("Z", "z"),
    "š": ("S", "s"),
    "č": ("C", "c"),
    "ř": ("rZ", "r"),
    "ș": ("S", "s"),
    "ş": ("S", "s"),
    "ț": ("c", "t"),
    "ţ": ("c", "t"),
    "ç": ("C", "c"),
    "ä": ("ae", "a"),
    "ö": ("oe", "o"),
    "ü": ("ue", "u"),
}
# Letters that do not decompose into a base letter and a mark.
_LATIN_PLAIN = {
    "ł": "l",
    "ı": "i",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ß": "ss",
    "ħ": "h",
    "ŧ": "t",
    "ŋ": "n",
    "ŀ": "l",
    "ƚ": "l",
    "ɨ": "i",
}
# Letter groups read the same in either Latin reading, longest first.
_LATIN_GROUPS = (
    ("tsch", "C"),
    ("sch", "S"),
    ("tch", "C"),
    ("rzh", "rZ"),
    ("dzh", "dZ"),
    ("kh", "h"),
    ("zh", "Z"),
    ("sh", "S"),
    ("sz", "S"),
    ("cz", "C"),
    ("ph", "f"),
    ("gh", "g"),
    ("tz", "c"),
)
_LATIN_SINGLE = {"w": "v", "y": "i", "q": "k", "x": "ks"}
_FRONT_VOWELS = frozenset("eiy")

POLISH, ENGLISH = "polish", "english"
_LATIN_READINGS = ((POLISH, True), (ENGLISH, True), (POLISH, False), (ENGLISH, False))


_LATIN_NASAL = {"ą": "o", "ę": "e"}
_LATIN_VOWELS = frozenset("aąeęioóuyáéíúýàèìòùâêîôûäöü")


def _nasal(vowel: str, following: str, sounded: bool) -> str:
    """Polish ą and ę as Cyrillic spells them (Wałęsa, Валенса; Dąbrowski, Домбровский)."""
    if not sounded:
        return "a" if vowel == "ą" else "e"
    base = _LATIN_NASAL[vowel]
    if following in ("b", "p"):
        return base + "m"
    if following and following not in _LATIN_VOWELS and following not in ("l", "ł"):
        return base + "n"
    return base


def _latin_letters(run: str, sounded: bool) -> str:
    out = []
    for i, ch in enumerate(run):
        if ch in _LATIN_NASAL:
            out.append(_nasal(ch, run[i + 1 : i + 2], sounded))
        elif ch in _LATIN_SOUNDED:
            out.append(_LATIN_SOUNDED[ch][0 if sounded else 1])
        elif ch in _LATIN_PLAIN:
            out.append(_LATIN_PLAIN[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def _read_latin(run: str, style: str, sounded: bool) -> str:
    s = _latin_letters(run, sounded)
    out = []
    i = 0
    while i < len(s):
        for group, sound in _LATIN_GROUPS:
            if s.startswith(group, i):
                out.append(sound)
                i += len(group)
                break
        else:
            if s.startswith("ch", i):
                out.append("h" if style == POLISH else "C")
                i += 2
            elif s.startswith("rz", i):
                out.append("Z" if style == POLISH else "rz")
                i += 2
            else:
                ch = s[i]
                if ch == "j":
                    out.append("i" if style == POLISH else "dZ")
                elif ch == "c":
                    following = s[i + 1] if i + 1 < len(s) else ""
                    out.append("c" if style == POLISH or following in _FRONT_VOWELS else "k")
                else:
                    out.append(_LATIN_SINGLE.get(ch, ch))
                i += 1
    return "".join(out)


# --- Cyrillic ---------------------------------------------------------------------------------

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "Z",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "C",
    "ш": "S",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "ґ": "g",
    # Serbian and Macedonian letters.
    "ђ": "d",
    "ј": "i",
    "љ": "li",
    "њ": "ni",
    "ћ": "c",
    "џ": "dZ",
    "ѓ": "g",
    "ќ": "k",
    "ѕ": "dz",
}
# Letters whose reading depends on the language: {reading: {letter: sound}}.
UKRAINIAN, RUSSIAN, RUSSIAN_YO_AS_E, BULGARIAN = "uk", "ru", "ru-yo-e", "bg"
_CYRILLIC_READINGS = {
    UKRAINIAN: {"г": "h", "щ": "SC", "ъ": "", "ё": "io"},
    RUSSIAN: {"г": "g", "щ": "SC", "ъ": "", "ё": "io"},
    RUSSIAN_YO_AS_E: {"г": "g", "щ": "SC", "ъ": "", "ё": "e"},
    BULGARIAN: {"г": "g", "щ": "St", "ъ": "a", "ё": "io"},
}
_NOT_BULGARIAN = frozenset("іїєґўыэё")


def _cyrillic_readings(runs: Iterable[str]) -> list[str]:
    letters = set("".join(runs))
    readings = [UKRAINIAN, RUSSIAN]
    if "ё" in letters:
        readings.append(RUSSIAN_YO_AS_E)
    if letters & {"щ", "ъ"} and not letters & _NOT_BULGARIAN:
        readings.append(BULGARIAN)
    return readings


def _read_cyrillic(run: str, reading: str) -> str:
    special = _CYRILLIC_READINGS[reading]
    return "".join(special.get(ch, _CYRILLIC.get(ch, ch)) for ch in run if not unicodedata.combining(ch))


# --- Georgian (national romanisation of 2002) ---------------------------------------------------

_GEORGIAN = {
    "ა": "a",
    "ბ": "b",
    "გ": "g",
    "დ": "d",
    "ე": "e",
    "ვ": "v",
    "ზ": "z",
    "თ": "t",
    "ი": "i",
    "კ": "k",
    "ლ": "l",
    "მ": "m",
    "ნ": "n",
    "ო": "o",
    "პ": "p",
    "ჟ": "Z",
    "რ": "r",
    "ს": "s",
    "ტ": "t",
    "უ": "u",
    "ფ": "p",
    "ქ": "k",
    "ღ": "g",
    "ყ": "k",
    "შ": "S",
    "ჩ": "C",
    "ც": "c",
    "ძ": "dz",
    "წ": "c",
    "ჭ": "C",
    "ხ": "h",
    "ჯ": "dZ",
    "ჰ": "h",
    "ჱ": "e",
    "ჲ": "i",
    "ჳ": "u",
    "ჴ": "h",
    "ჵ": "o",
    "ჶ": "f",
    "ჷ": "e",
    "ჸ": "",
}


def _read_georgian(run: str) -> str:
    return "".join(_GEORGIAN.get(ch, ch) for ch in run if not unicodedata.combining(ch))


# --- Greek (ELOT 743) ---------------------------------------------------------------------------

_GREEK = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "ks",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "i",
    "φ": "f",
    "χ": "h",
    "ψ": "ps",
    "ω": "o",
}
_GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv", "γγ": "ng"}


def _read_greek(run: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFD", run) if not unicodedata.combining(c))
    out = []
    i = 0
    while i < len(s):
        pair = s[i : i + 2]
        if pair in _GREEK_PAIRS:
            out.append(_GREEK_PAIRS[pair])
            i += 2
        else:
            out.append(_GREEK.get(s[i], s[i]))
            i += 1
    return "".join(out)


# --- Words, scripts and the canonical step ------------------------------------------------------

LATIN, CYRILLIC, GEORGIAN, GREEK, OTHER = "latin", "cyrillic", "georgian", "greek", "other"


def _script(ch: str) -> str:
    code = ord(ch)
    if ch.isascii():
        return LATIN if ch.isalpha() else OTHER
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F:
        return LATIN
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
        return CYRILLIC
    if 0x10A0 <= code <= 0x10FF or 0x1C90 <= code <= 0x1CBF or 0x2D00 <= code <= 0x2D2F:
        return GEORGIAN
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return GREEK
    return OTHER


def _runs(word: str) -> list[tuple[str, str]]:
    """Split a word into runs of one script; a combining mark stays with the letter before it."""
    runs: list[tuple[str, str]] = []
    for ch in word:
        script = runs[-1][0] if runs and unicodedata.combining(ch) else _script(ch)
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + ch)
        else:
            runs.append((script, ch))
    return runs


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    folded = folded.translate(_APOSTROPHES)
    words, current = [], []
    for ch in folded:
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


_DOUBLES = re.compile(r"(.)\1+")
_SOFT_L = re.compile(r"li(?=[aou])")


def _canonical(skeleton: str) -> str:
    s = skeleton.replace("ts", "c")
    s = _DOUBLES.sub(r"\1", s)
    s = s.replace("ie", "e")
    s = _SOFT_L.sub("l", s)
    return _DOUBLES.sub(r"\1", s)


def _read_word(word: str) -> list[str]:
    runs = _runs(word)
    scripts = {script for script, _ in runs}
    latin_readings: Sequence[tuple[str, bool] | None] = _LATIN_READINGS if LATIN in scripts else (None,)
    cyrillic_readings: Sequence[str | None] = (
        _cyrillic_readings(run for script, run in runs if script == CYRILLIC)
        if CYRILLIC in scripts
        else (None,)
    )
    keys: list[str] = []
    for cyrillic, latin in itertools.product(cyrillic_readings, latin_readings):
        parts = []
        for script, run in runs:
            if script == LATIN and latin is not None:
                parts.append(_read_latin(run, *latin))
            elif script == CYRILLIC and cyrillic is not None:
                parts.append(_read_cyrillic(run, cyrillic))
            elif script == GEORGIAN:
                parts.append(_read_georgian(run))
            elif script == GREEK:
                parts.append(_read_greek(run))
            else:
                parts.append("".join(ch for ch in run if not unicodedata.combining(ch)))
        key = _canonical("".join(parts))
        if key and key not in keys:
            keys.append(key)
        if len(keys) == MAX_KEYS_PER_WORD:
            break
    return keys


def name_keys(text: str) -> list[set[str]]:
    """For each word of a name, the set of its canonical keys (one per plausible reading).

    Hyphens, dots and spaces separate words; apostrophes are dropped. Words that fold to nothing
    (a lone soft sign, punctuation) are left out.
    """
    result = []
    for word in _words(text or ""):
        keys = _read_word(word)
        if keys:
            result.append(set(keys))
    return result


def words_match(query: Sequence[set[str]], record: Sequence[set[str]]) -> bool:
    """The matching rule for names: every query word shares a key (or token) with some record word.

    Works on the output of :func:`name_keys` and equally on blind-index token sets. An empty query
    matches nothing, so a blank search field never lists every person.
    """
    if not query:
        return False
    return all(any(word & other for other in record) for word in query)


# --- Phone numbers ------------------------------------------------------------------------------


def phone_e164(text: str, default_region: str = "PL") -> str | None:
    """The number in E.164 form (``+48601234567``), or ``None`` if it is not a valid number.

    Numbers without a country code are read as numbers of ``default_region``; ``00`` and ``+``
    prefixes, spaces, dashes and brackets are understood.
    """
    if not text or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- Document numbers ---------------------------------------------------------------------------

# Cyrillic capitals that look like Latin ones become those (document numbers are copied by eye
# from the document, whatever keyboard is at hand); the others are transliterated.
_CYRILLIC_DOCUMENT = {
    "А": "A",
    "В": "B",
    "Е": "E",
    "Ё": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "І": "I",
    "Ї": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Б": "B",
    "Г": "G",
    "Ґ": "G",
    "Д": "D",
    "Є": "YE",
    "Ж": "ZH",
    "З": "Z",
    "И": "I",
    "Й": "Y",
    "Л": "L",
    "П": "P",
    "Ф": "F",
    "Ц": "TS",
    "Ч": "CH",
    "Ш": "SH",
    "Щ": "SHCH",
    "Ъ": "",
    "Ы": "Y",
    "Ь": "",
    "Э": "E",
    "Ю": "YU",
    "Я": "YA",
    "Ў": "U",
}


def document_key(text: str) -> str:
    """A document number reduced to upper-case Latin letters and digits: ``"кв 123-456"`` → ``"KB123456"``.

    Spaces and punctuation go; marks are dropped from Latin letters; digits of any script become
    ASCII digits; letters of scripts other than Latin and Cyrillic are kept as they are.
    """
    out = []
    for ch in unicodedata.normalize("NFKC", text or "").upper():
        if ch.isascii():
            if ch.isalnum():
                out.append(ch)
        elif ch in _CYRILLIC_DOCUMENT:
            out.append(_CYRILLIC_DOCUMENT[ch])
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch.isalpha():
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out.append(base.upper() if base.isascii() and base.isalpha() else ch)
    return "".join(out)
