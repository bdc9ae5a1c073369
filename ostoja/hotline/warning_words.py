"""Words in a web report that suggest it may be urgent, in the report's own language.

This is reviewable data, not a decision: each *sign* (documents taken, debt, being locked in, …)
lists, per public language, the beginnings of words and phrases that point to it. A report that
contains one is flagged for the duty worker in triage, with the signs named; its urgency stays
"routine" until a person reads it and decides. A missed word costs nothing more than before (the
report is read anyway); a word that matches wrongly costs a second look. To review or extend the
list, change ``SIGNS`` and its test (``hotline/tests/test_warning_words.py``).

Matching: the text and the words are folded the same way (case, diacritics), and a word matches at
the start of a word of the text ("paszport" finds "paszportu"), a phrase ("locked in") as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sign:
    code: str
    label: str | Promise
    words: dict[str, tuple[str, ...]]  # public language code -> beginnings of words or phrases


SIGNS: tuple[Sign, ...] = (
    Sign("documents", _("documents taken"), {
        "pl": ("paszport", "dowod osobist", "zabral dokument", "zabrali dokument", "zabrano dokument"),
        "en": ("passport", "took my documents", "took our documents", "id card", "papers were taken"),
        "uk": ("паспорт", "забрали документ", "документи забрал"),
        "ru": ("паспорт", "забрали документ", "документы забрал"),
        "be": ("пашпарт", "забралі дакумент"),
        "ro": ("pasaport", "buletin", "mi-au luat actele", "ne-au luat actele", "actele luate"),
        "bg": ("паспорт", "взеха документ", "взеха ми документ"),
        "vi": ("ho chieu", "giu giay to", "lay giay to"),
        "ka": ("პასპორტ", "საბუთები წამართვ"),
        "es": ("pasaporte", "quitaron los documentos", "quitaron mis documentos", "documentos retenidos"),
        "fr": ("passeport", "pris mes papiers", "pris nos papiers", "papiers confisques", "confisque"),
        "de": ("reisepass", "pass weggenommen", "ausweis", "papiere weggenommen"),
        "nl": ("paspoort", "papieren afgenomen", "identiteitskaart"),
        "tl": ("pasaporte", "kinuha ang dokumento", "kinuha ang mga dokumento"),
        "ar": ("جواز", "اخذوا الوثائق", "وثائقي"),
    }),
    Sign("debt", _("a debt to pay off"), {
        "pl": ("dlug", "dluzn", "odpracow", "splacic"),
        "en": ("debt", "owe ", "pay back", "pay off"),
        "uk": ("борг", "винн", "відпрацюв"),
        "ru": ("долг", "должн", "отработ"),
        "be": ("доўг", "даўг", "адпрацоў"),
        "ro": ("datori", "datorez"),
        "bg": ("дълг", "дължа", "дължим"),
        "vi": ("no tien", "tra no", "mac no"),
        "ka": ("ვალი", "ვალს"),
        "es": ("deuda", "debo ", "debemos"),
        "fr": ("dette", "rembourser", "je dois "),
        "de": ("schulden", "abbezahlen", "abarbeiten"),
        "nl": ("schuld", "terugbetalen"),
        "tl": ("utang",),
        "ar": ("ديون", "مديون", "مدين"),
    }),
    Sign("confinement", _("locked in or not free to leave"), {
        "pl": ("zamkn", "zamyka", "przetrzymuj", "nie moge wyjsc", "nie mozemy wyjsc", "nie wypuszcza", "uwiezi"),
        "en": ("locked", "can't leave", "cannot leave", "not allowed to leave", "not allowed out", "trapped"),
        "uk": ("зачин", "замкн", "тримають", "не можу вийти", "не випуска"),
        "ru": ("заперт", "запира", "держат", "не могу выйти", "не выпуска"),
        "be": ("зачын", "не магу выйсці", "не выпуска"),
        "ro": ("incuiat", "inchis", "nu pot sa plec", "nu ne lasa sa plecam", "nu ma lasa sa plec"),
        "bg": ("заключ", "не мога да изляза", "не ни пускат"),
        "vi": ("bi nhot", "khong duoc ra ngoai", "bi khoa"),
        "ka": ("ჩაკეტ", "ვერ გავდივარ"),
        "es": ("encerrad", "no puedo salir", "no me dejan salir", "no nos dejan salir"),
        "fr": ("enferm", "je ne peux pas sortir", "on ne peut pas sortir", "pas le droit de sortir"),
        "de": ("eingesperrt", "eingeschlossen", "darf nicht raus", "kann nicht weg"),
        "nl": ("opgesloten", "mag niet weg", "kan niet weg"),
        "tl": ("nakakulong", "ikinulong", "hindi makalabas"),
        "ar": ("محبوس", "مقفل", "لا أستطيع الخروج", "لا استطيع الخروج"),
    }),
    Sign("violence", _("violence or threats"), {
        "pl": ("bij", "pobil", "grozi", "grozb", "przemoc", "zgwalc"),
        "en": ("beat", "hit me", "hits me", "threat", "violence", "rape", "hurt me"),
        "uk": ("б'ют", "бють", "побил", "погрож", "загрож", "насильств", "ґвалт", "гвалт"),
        "ru": ("бьют", "избил", "угрож", "насили"),
        "be": ("б'юць", "біюць", "пагрож", "гвалт"),
        "ro": ("bat", "batut", "amenint", "violen", "violat"),
        "bg": ("бият", "би ме", "заплаш", "насили"),
        "vi": ("danh dap", "bi danh", "de doa", "bao luc", "hiep dam"),
        "ka": ("მცემ", "მემუქრებ", "ძალადობ"),
        "es": ("golpe", "pega", "amenaz", "violencia", "violad"),
        "fr": ("frapp", "battu", "menac", "violence", "viol"),
        "de": ("schlag", "geschlagen", "droh", "gewalt", "vergewaltig"),
        "nl": ("geslagen", "slaan", "bedreig", "geweld", "verkracht"),
        "tl": ("binubugbog", "sinasaktan", "pinagbabantaan", "banta"),
        "ar": ("ضرب", "يضرب", "تهديد", "يهدد", "عنف", "اغتصاب"),
    }),
    Sign("child", _("a child"), {
        "pl": ("dziecko", "dziecka", "dzieci", "corka", "syn ", "nieletni"),
        "en": ("child", "children", "my son", "my daughter", "minor", "year old", "years old"),
        "uk": ("дитин", "діти", "дітей", "син ", "доньк", "неповнолітн"),
        "ru": ("ребен", "дети", "детей", "сын ", "дочь", "дочер", "несовершеннолетн"),
        "be": ("дзіця", "дзеці", "сын ", "дачк"),
        "ro": ("copil", "fiul meu", "fiica mea", "minor"),
        "bg": ("дете", "деца", "детето", "син ми", "дъщеря", "непълнолет"),
        "vi": ("tre em", "con toi", "con trai", "con gai"),
        "ka": ("ბავშვ", "შვილ"),
        "es": ("nino", "nina", "hijo", "hija", "menor"),
        "fr": ("enfant", "mon fils", "ma fille", "mineur"),
        "de": ("kind", "sohn", "tochter", "minderjahrig"),
        "nl": ("kind", "zoon", "dochter", "minderjarig"),
        "tl": ("anak", "bata"),
        "ar": ("طفل", "أطفال", "اطفال", "ابني", "ابنتي", "قاصر"),
    }),
    Sign("danger_now", _("danger now"), {
        "pl": ("pomocy", "ratunku", "natychmiast", "boje sie"),
        "en": ("help me", "urgent", "emergency", "i am afraid", "i'm afraid", "scared"),
        "uk": ("допоможіть", "рятуйте", "терміново", "боюся"),
        "ru": ("помогите", "спасите", "срочно", "боюсь"),
        "be": ("дапамажыце", "ратуйце", "тэрмінова", "баюся"),
        "ro": ("ajutor", "urgent", "mi-e frica"),
        "bg": ("помощ", "спешно", "страх ме"),
        "vi": ("cuu toi", "giup toi", "khan cap", "so hai"),
        "ka": ("მიშველეთ", "სასწრაფოდ", "მეშინია"),
        "es": ("ayuda", "urgente", "tengo miedo"),
        "fr": ("au secours", "aidez-moi", "urgent", "j'ai peur"),
        "de": ("hilfe", "dringend", "angst"),
        "nl": ("help", "dringend", "bang"),
        "tl": ("tulong", "tulungan", "natatakot"),
        "ar": ("ساعدوني", "النجدة", "عاجل", "خائف", "خائفة"),
    }),
)  # fmt: skip

BY_CODE: dict[str, Sign] = {sign.code: sign for sign in SIGNS}


def fold(text: str) -> str:
    """Lower case without diacritics, apostrophes made one, spaces made one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'").replace("ʼ", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("ł", "l").split())


@cache
def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    found = []
    for sign in SIGNS:
        words = sign.words.get(language, ())
        if words:
            alternatives = "|".join(re.escape(fold(word)) for word in words)
            found.append((sign.code, re.compile(rf"(?<!\w)(?:{alternatives})")))
    return found


def signs_in(text: str, language: str) -> list[str]:
    """The codes of the signs ``text`` (written in ``language``) contains, in the order of ``SIGNS``.

    The words of the report's own language are used, and English ones too (many write in English
    whatever page they are on); a language without a list is matched on English only.
    """
    folded = fold(text or "")
    languages = [language, "en"] if language != "en" else ["en"]
    codes: list[str] = []
    for code in languages:
        for sign, pattern in _patterns(code):
            if sign not in codes and pattern.search(folded):
                codes.append(sign)
    return [sign.code for sign in SIGNS if sign.code in codes]


def labels(codes: list[str]) -> list[str]:
    return [str(BY_CODE[code].label) for code in codes if code in BY_CODE]
