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
  marks simply dropped, as people often type them; and the French way (``ch`` = ш, ``j`` = ж,
  ``ou`` = у, ``gu`` before e/i = г, a final silent ``e``: Chevtchenko, Ioulia, Evgueni, Outkine).
* Arabic is matched through a list of common names and their Latin spellings (see ``ARABIC_NAMES``)
  and, for every other name, by rule: both scripts reduced to a consonant skeleton (see "Arabic
  skeletons" below), which a Latin query matches against Arabic records and an Arabic query against
  both, so that Latin names never meet each other through it.
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

__all__ = ["MAX_KEYS_PER_WORD", "QUERY", "RECORD", "document_key", "name_keys", "phone_e164", "words_match"]

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

POLISH, ENGLISH, FRENCH = "polish", "english", "french"
_LATIN_READINGS = ((POLISH, True), (ENGLISH, True), (POLISH, False), (ENGLISH, False), (FRENCH, False))


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
            if style == FRENCH and s.startswith("ou", i):
                out.append("u")  # French writes Cyrillic у as "ou" (Ioulia, Юлия)
                i += 2
            elif style == FRENCH and s.startswith("gu", i) and s[i + 2 : i + 3] in _FRONT_VOWELS:
                out.append("g")  # "gue", "gui" keep the g hard (Evgueni, Евгений)
                i += 2
            elif s.startswith("ch", i):
                out.append({POLISH: "h", ENGLISH: "C", FRENCH: "S"}[style])
                i += 2
            elif s.startswith("rz", i):
                out.append("Z" if style == POLISH else "rz")
                i += 2
            else:
                ch = s[i]
                if ch == "j":
                    out.append({POLISH: "i", ENGLISH: "dZ", FRENCH: "Z"}[style])
                elif ch == "c":
                    following = s[i + 1] if i + 1 < len(s) else ""
                    if style == FRENCH:
                        out.append("s" if following in _FRONT_VOWELS else "k")
                    else:
                        out.append("c" if style == POLISH or following in _FRONT_VOWELS else "k")
                else:
                    out.append(_LATIN_SINGLE.get(ch, ch))
                i += 1
    read = "".join(out)
    if style == FRENCH and len(read) > 3 and read.endswith("e") and read[-2] not in "aeiou":
        read = read[:-1]  # a silent final e (Outkine, Уткин; Alexandre, Александр)
    return read


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


# --- Arabic -------------------------------------------------------------------------------------
#
# Arabic script writes consonants and long vowels only, so no one Latin spelling follows from it:
# "محمد" is Muhammad, Mohammed, Mohamed. Names are matched across the scripts through a list of
# common given and family names with their usual Latin spellings (each name a shared key, "@…");
# the article "al-"/"el-" (ال), separate, hyphenated or joined, is left out, and "Abd" compounds
# (Abdullah, Abd al-Rahman, عبد الله) read as their two parts. Arabic spellings of one name also
# meet through a consonant skeleton ("#…"): with or without the article, hamza or ta marbuta.
# A name outside the list matches its own script only; extend the list to widen it.

ARABIC_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # key: (Arabic spellings, Latin spellings)
    "muhammad": (("محمد",), ("Muhammad", "Mohammed", "Mohammad", "Mohamed", "Muhammed", "Mohamad", "Mohamud")),
    "ahmad": (("احمد", "أحمد"), ("Ahmad", "Ahmed", "Ahmet")),
    "ali": (("علي",), ("Ali", "Aly")),
    "hasan": (("حسن",), ("Hasan", "Hassan", "Hassen")),
    "husayn": (("حسين",), ("Hussein", "Husein", "Hussain", "Hussien", "Husayn", "Hossein", "Houssein")),
    "abd": (("عبد",), ("Abd", "Abdul", "Abdel", "Abdal", "Abdou", "Abdu")),
    "allah": (("الله",), ("Allah", "Ullah", "Lah", "Llah")),
    "rahman": (("رحمن",), ("Rahman", "Rahmane")),
    "umar": (("عمر",), ("Omar", "Umar", "Omer")),
    "yusuf": (("يوسف",), ("Youssef", "Yusuf", "Yousef", "Yousif", "Youcef", "Yussuf", "Yusef")),
    "ibrahim": (("ابراهيم", "إبراهيم"), ("Ibrahim", "Ebrahim", "Brahim")),
    "mustafa": (("مصطفى",), ("Mustafa", "Moustafa", "Mostafa", "Mustapha")),
    "mahmud": (("محمود",), ("Mahmoud", "Mahmud", "Mahmood")),
    "khalid": (("خالد",), ("Khalid", "Khaled")),
    "said": (("سعيد",), ("Said", "Saeed", "Saied")),
    "karim": (("كريم",), ("Karim", "Kareem")),
    "fatima": (("فاطمة",), ("Fatima", "Fatma", "Fatimah", "Fatema")),
    "aisha": (("عائشة", "عايشة"), ("Aisha", "Aicha", "Ayesha", "Aysha", "Aischa")),
    "khadija": (("خديجة",), ("Khadija", "Khadidja", "Khadijah")),
    "maryam": (("مريم",), ("Maryam", "Mariam", "Meriem")),
    "zaynab": (("زينب",), ("Zainab", "Zaynab", "Zeinab")),
    "layla": (("ليلى", "ليلا"), ("Layla", "Leila", "Laila", "Leyla")),
    "amina": (("امينة", "أمينة"), ("Amina", "Aminah", "Amineh")),
    "nur": (("نور",), ("Nour", "Nur", "Noor")),
    "hamza": (("حمزة",), ("Hamza", "Hamzah")),
    "bilal": (("بلال",), ("Bilal",)),
    "tariq": (("طارق",), ("Tariq", "Tarek", "Tarik", "Tareq")),
    "rashid": (("رشيد",), ("Rashid", "Rachid", "Rasheed")),
    "jamal": (("جمال",), ("Jamal", "Djamal", "Gamal")),
    "walid": (("وليد",), ("Walid", "Waleed", "Oualid")),
    "samir": (("سمير",), ("Samir", "Sameer")),
    "abbas": (("عباس",), ("Abbas",)),
    "salim": (("سليم",), ("Salim", "Selim", "Saleem")),
    "nasir": (("ناصر",), ("Nasser", "Nasir", "Naser")),
    "qadir": (("قادر",), ("Kader", "Qadir", "Kadir")),
    "mansur": (("منصور",), ("Mansour", "Mansur")),
    "haddad": (("حداد",), ("Haddad",)),
    "aziz": (("عزيز",), ("Aziz", "Azeez")),
    "hakim": (("حكيم",), ("Hakim", "Hakeem")),
    "yasin": (("ياسين",), ("Yassin", "Yasin", "Yassine", "Yaseen")),
    "idris": (("ادريس", "إدريس"), ("Idris", "Idriss", "Driss")),
    "suleiman": (("سليمان",), ("Suleiman", "Sulaiman", "Soliman", "Slimane")),
    "hadi": (("هادي",), ("Hadi", "Hady")),
    "zahra": (("زهراء", "زهرا", "زهرة"), ("Zahra", "Zahraa", "Zehra")),
}  # fmt: skip
_LATIN_ARTICLES = frozenset({"al", "el", "ul", "il"})
_ABD = re.compile(r"^abd(?:ul|el|al|ol|ou|ur|ar|u|e|a|i)?(?=.{3,}$)")
_ARABIC_ARTICLE = "ال"
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_ARABIC_LATIN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "u", "ي": "i", "ء": "",
}  # fmt: skip


def _arabic_plain(word: str) -> str:
    return "".join(ch for ch in word if not unicodedata.combining(ch)).translate(_ARABIC_FOLD)


_ARABIC_BY_SPELLING = {
    _arabic_plain(spelling): key for key, (spellings, _) in ARABIC_NAMES.items() for spelling in spellings
}


def _arabic_parts(word: str) -> list[str]:
    """An Arabic word as the names it holds: the article dropped, an "عبد" compound split."""
    plain = _arabic_plain(word)
    if plain in _ARABIC_BY_SPELLING:
        return [plain]
    if plain.startswith(_ARABIC_ARTICLE) and len(plain) > 3:
        plain = plain[len(_ARABIC_ARTICLE) :]
    if plain.startswith("عبد") and len(plain) > 4:
        return ["عبد", *_arabic_parts(plain[3:])]
    return [plain]


def _read_arabic_word(word: str) -> list[str]:
    keys = []
    for part in _arabic_parts(word):
        if part in _ARABIC_BY_SPELLING:
            keys.append("@" + _ARABIC_BY_SPELLING[part])
        else:
            skeleton = "".join(_ARABIC_LATIN.get(ch, ch) for ch in part)
            keys.append("#" + _DOUBLES.sub(r"\1", skeleton))
    return keys


def _latin_name_keys(word: str, keys: list[str]) -> list[str]:
    """The shared keys of the Arabic names a Latin word spells, joined article and "Abd" included."""
    found = [f"@{_LATIN_BY_KEY[key]}" for key in keys if key in _LATIN_BY_KEY]
    if found:
        return found[:1]
    latin = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    abd = _ABD.match(latin)
    if abd:
        rest = _latin_name_keys(latin[abd.end() :], _read_word(latin[abd.end() :]))
        return ["@abd", *rest] if rest else []
    for article in _LATIN_ARTICLES:
        if latin.startswith(article) and len(latin) > len(article) + 2:
            tail = latin[len(article) :]
            return _latin_name_keys(tail, _read_word(tail))
    joined = _LATIN_JOINED_ARTICLE.match(latin)
    if joined and joined.group(1):  # "Arrashid", "Assayed": the article's l sounds as the next consonant
        tail = latin[joined.end() - 1 :]
        return [f"@{_LATIN_BY_KEY[key]}" for key in _read_word(tail) if key in _LATIN_BY_KEY][:1]
    return []


# --- Arabic skeletons (by rule, for names outside the list) -------------------------------------
#
# Arabic script writes the consonants and the long vowels; Latin spellings of one name differ in the
# vowels (Karim, Kareem), in doubled letters (Hassan, Hasan), in French or English digraphs (Hachemi,
# Hashimi; Toufik, Tawfiq), in q/k and j/dj/g, and in a final h (Fatimah). Both scripts are reduced to
# what they agree on: the consonants, with w and y kept only at the start of the word (inside it they
# are long vowels), a starting vowel, alef or ayn kept as one mark, a final h (ta marbuta) dropped.
# The article (al-, el-, ul-, and the assimilated ar-, as-, ash-, ad-, an-, at-, az- …) is left out,
# hyphenated, separate or joined.
#
# The skeleton is loose, so it works one way only: a *record* word in Arabic script carries it as
# "~…", a record word in Latin letters as "^…"; a query in Latin letters looks for "~…" (Arabic
# records), a query in Arabic script for both. Two Latin spellings never match through it ("Marek"
# and "Mirek" stay apart), only across the scripts.

QUERY, RECORD = "query", "record"
_ARABIC_SKELETON = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "g", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "b", "چ": "S", "ژ": "z", "گ": "g", "ک": "k", "ی": "",
}  # fmt: skip
_ARABIC_VOWELS = {"ا": "'", "ع": "'", "ء": "'", "و": "w", "ي": "y"}  # at the start; inside, dropped
_LATIN_SKELETON_STEPS = (
    ("tch", "S"), ("sch", "S"), ("kh", "h"), ("sh", "S"), ("ch", "S"), ("gh", "g"), ("dj", "g"),
    ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
)  # fmt: skip
_LATIN_SKELETON = {
    "b": "b", "p": "b", "t": "t", "d": "d", "j": "g", "g": "g", "h": "h", "r": "r", "z": "z", "s": "s",
    "S": "S", "f": "f", "v": "f", "q": "k", "k": "k", "c": "k", "l": "l", "m": "m", "n": "n", "x": "ks",
}  # fmt: skip
# A joined article: "Alhashimi" (al + Hashimi), "Arrashid" (ar + Rashid, the r doubled).
_LATIN_JOINED_ARTICLE = re.compile(r"^[aeiu](?:l|(t|d|r|z|s|n)\1)(?=.{3})")
# A hyphenated assimilated article before its own consonant: "ar-Rashid", "ash-Shami", "ad-Din".
_HYPHEN_ARTICLE = re.compile(r"(?<!\w)[aeiu](sh|[tdrzsn])[-\u2010\u2011](?=\1)", re.IGNORECASE)


def _latin_skeleton(word: str) -> str:
    """Reduces a Latin word to its skeleton: "Hashimi", "Hachemi" → "hSm"; "Oualid", "Walid" → "wld"."""
    latin = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    latin = "".join(ch for ch in latin.lower() if "a" <= ch <= "z")
    for spelled, sound in _LATIN_SKELETON_STEPS:
        latin = latin.replace(spelled, sound)
    if not latin:
        return ""
    out = []
    first = latin[0]
    if first in "aeiou":
        out.append("w" if first == "u" and len(latin) > 1 and latin[1] in "aeio" else "'")
        rest = latin[1:]
    elif first in "wy":
        out.append(first)
        rest = latin[1:]
    else:
        rest = latin
    if rest.endswith("h") and len(rest) > 1 and rest[-2] in "aeiouy":
        rest = rest[:-1]
    out.extend(_LATIN_SKELETON.get(ch, "") for ch in rest)
    return _DOUBLES.sub(r"\1", "".join(out))


def _arabic_skeleton(part: str) -> str:
    """An Arabic name (folded, article dropped) as its consonants: "هاشمي" → "hSm", "وليد" → "wld"."""
    if part.endswith("ه") and len(part) > 2:
        part = part[:-1]
    out = []
    if part and part[0] in _ARABIC_VOWELS:
        out.append(_ARABIC_VOWELS[part[0]])
        part = part[1:]
    out.extend(_ARABIC_SKELETON.get(ch, "" if ch in _ARABIC_VOWELS else ch) for ch in part)
    return _DOUBLES.sub(r"\1", "".join(out))


def _latin_skeletons(word: str) -> list[str]:
    """The skeletons of a Latin word: as written and, with a joined article (Alhashimi, Arrashid), without it."""
    found = [_latin_skeleton(word)]
    joined = _LATIN_JOINED_ARTICLE.match(word)
    if joined:
        found.append(
            _latin_skeleton(word[joined.end() :] if not joined.group(1) else word[joined.end() - 1 :])
        )
    return [key for key in dict.fromkeys(found) if len(key) >= 2]


# --- Words, scripts and the canonical step ------------------------------------------------------

LATIN, CYRILLIC, GEORGIAN, GREEK, ARABIC, OTHER = "latin", "cyrillic", "georgian", "greek", "arabic", "other"


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
    if (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    ):
        return ARABIC
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


def name_keys(text: str, side: str | None = None) -> list[set[str]]:
    """For each word of a name, the set of its canonical keys (one per plausible reading).

    Hyphens, dots and spaces separate words; apostrophes are dropped. Words that fold to nothing
    (a lone soft sign, punctuation) are left out. ``side`` (:data:`RECORD` for the search tokens
    stored, :data:`QUERY` for what is searched for) adds the Arabic skeletons, which match one way.
    """
    # "ar-Rashid", "as-Sayyid", "an-Nasser": an assimilated article before its own consonant.
    text = _HYPHEN_ARTICLE.sub("", text or "")
    words = _words(text)
    if len(words) > 1:
        # "al-Hassan", "El Hassan": the article is no word of the name (a lone "Al" still is one).
        words = [word for word in words if word not in _LATIN_ARTICLES] or words
    result = []
    for word in words:
        if any(_script(ch) == ARABIC for ch in word):
            keys = _read_arabic_word(word)
            skeletons = _arabic_word_skeletons(word) if side else []
            for i, key in enumerate(keys):  # "عبد الله" joined is two names: each part is a word of its own
                group = {key}
                if i < len(skeletons) and skeletons[i]:
                    group.add("~" + skeletons[i])
                    if side == QUERY:
                        group.add("^" + skeletons[i])
                result.append(group)
            continue
        keys = _read_word(word)
        if keys:
            named = _latin_name_keys(word, keys)
            prefix = {QUERY: "~", RECORD: "^"}.get(side or "", "")
            loose = {prefix + key for key in _latin_skeletons(word)} if prefix and not named else set()
            abd = _ABD.match(word) if prefix and not named else None
            if len(named) > 1:  # a joined "Abd" compound (Abdullah): one word per part
                result += [{key, *keys} if i == 0 else {key} for i, key in enumerate(named)]
            elif abd:  # "Abdelghani": "Abd" and a name outside the list, matched by its skeleton
                rest = {prefix + key for key in _latin_skeletons(word[abd.end() :])}
                result += [{*keys, *loose, "@abd"}, rest] if rest else [set(keys) | loose]
            else:
                result.append(set(keys) | set(named) | loose)
    return result


def _arabic_word_skeletons(word: str) -> list[str]:
    """The skeleton of each part of an Arabic word (as ``_read_arabic_word`` splits it); "" for a name
    on the list, which keeps to its own spellings (Hasan and Husayn share a skeleton, not a name)."""
    return ["" if part in _ARABIC_BY_SPELLING else _arabic_skeleton(part) for part in _arabic_parts(word)]


_LATIN_BY_KEY: dict[str, str] = {}


def _index_latin_names() -> None:
    for name, (_arabic, spellings) in ARABIC_NAMES.items():
        for spelling in spellings:
            for key in _read_word(spelling.casefold()):
                _LATIN_BY_KEY.setdefault(key, name)


_index_latin_names()


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
