"""Name lists and spelling rules for the search benchmark's invented persons.

Persons are built by combining a given name and a family name of the same origin, so full names
repeat the way they do in real case files. Every list below holds common names only; no record
made from them describes anyone.

Each origin keeps its names in their original script. Latin spellings are derived by rule:
``passport_latin`` gives the spelling a passport or an English-speaking colleague would write,
``polish_latin`` the spelling a Polish police officer or social worker would write. The benchmark
stores the original (and, for most non-Latin records, the passport spelling) and searches with the
other spelling, so that a search has to cross scripts and transliteration systems.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    code: str  # the benchmark's own key
    script: str  # "cyrillic-uk", "cyrillic-ru", "georgian" or "latin"
    share: float  # share of all persons
    citizenship: str  # ISO 3166
    languages: tuple[str, ...]  # ISO 639, preferred first
    given_f: tuple[str, ...]
    given_m: tuple[str, ...]
    family: tuple[str, ...]
    middle_f: tuple[str, ...] = ()  # Vietnamese middle names, written with the given name
    middle_m: tuple[str, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "uk",
        "cyrillic-uk",
        0.30,
        "UA",
        ("uk", "ru"),
        _words(
            "Олена Оксана Наталія Ірина Тетяна Юлія Світлана Людмила Галина Марія Ганна Катерина "
            "Олександра Вікторія Анастасія Дарина Софія Ольга Валентина Надія"
        ),
        _words(
            "Олександр Андрій Сергій Володимир Микола Іван Василь Юрій Олег Дмитро Богдан Тарас Петро "
            "Михайло Віктор Ігор Роман Степан Григорій Євген"
        ),
        _words(
            "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко Ткачук "
            "Мельник Коваль Савченко Руденко Марченко Лисенко Петренко Клименко Павленко Левченко "
            "Гончаренко Кузьменко Гаврилюк Кравчук Мороз Литвиненко Карпенко Савчук Романюк Олексієнко "
            "Харченко Яковенко Мартинюк Ковальчук Мельничук Климчук Пономаренко Іваненко Василенко "
            "Приходько Білоус Сидоренко Остапенко Тимошенко Нестеренко Гнатюк Захарченко Дяченко "
            "Ігнатенко Кушнір Головко Панченко Стасюк Юрченко Вакуленко Дорошенко Гуменюк Семенюк "
            "Ющенко Гордієнко Кириленко Федорченко Мазур Зінченко Данильченко Кравець Волошин Ярошенко "
            "Лук'яненко Демченко Швець Гриценко Білик Чорновол Костенко Антонюк Власенко Мирошниченко "
            "Тарасенко Корнієнко Максименко Осадчий Ковальський Яворський Вишневський Білецький "
            "Заболотний Рибак Гребенюк Коломієць Дзюба Кулик Собко Пилипенко Скрипник Задорожний Сорока "
            "Бабенко Вдовиченко Бережний Войтенко Гордійчук Дудник Жук Журавель Карпюк Козак Кучер "
            "Лозинський Назаренко Онищенко Прокопенко Середа Тищенко Фесенко Цимбалюк Чумак Щербак "
            "Юхименко Яремчук Андрієнко Борисенко"
        ),
    ),
    Origin(
        "ru",
        "cyrillic-ru",
        0.08,
        "BY",
        ("ru", "be"),
        _words(
            "Екатерина Елена Анна Мария Ольга Татьяна Наталья Ирина Светлана Ксения Дарья Алёна "
            "Евгения Полина Юлия"
        ),
        _words(
            "Алексей Дмитрий Сергей Андрей Николай Михаил Евгений Максим Артём Игорь Павел Никита "
            "Константин Григорий Фёдор"
        ),
        _words(
            "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
            "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
            "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв "
            "Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков "
            "Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров "
            "Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов "
            "Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов"
        ),
    ),
    Origin(
        "pl",
        "latin",
        0.25,
        "PL",
        ("pl",),
        _words(
            "Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Magdalena Joanna Zofia "
            "Monika Beata Aleksandra Dorota Justyna Jadwiga Grażyna Urszula Weronika"
        ),
        _words(
            "Piotr Krzysztof Andrzej Tomasz Paweł Jan Michał Marcin Jakub Grzegorz Łukasz Adam Mariusz "
            "Wojciech Zbigniew Dariusz Rafał Mateusz Sławomir Jerzy"
        ),
        _words(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
            "Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek "
            "Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski "
            "Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski "
            "Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak "
            "Zalewski Wróblewski Marciniak Jasiński Zawadzki Bąk Jakubowski Sadowski Duda Włodarczyk "
            "Wilk Chmielewski Borkowski Sokołowski Szczepański Sawicki Lis Kucharski Kalinowski "
            "Wysocki Mazurek Kubiak Maciejewski Czarnecki Kołodziej Urbański Kaźmierczak Sobczak "
            "Konieczny Głowacki Zakrzewski Krupa Wasilewski Krajewski Adamski Sikorski Mróz Laskowski "
            "Ziółkowski Gajewski Szulc Makowski Przybylski Domański Nowacki Borowski Błaszczyk "
            "Chojnacki Ciesielski Szczepaniak Wawrzyniak Łukaszewski Jędrzejczak"
        ),
    ),
    Origin(
        "ro",
        "latin",
        0.10,
        "RO",
        ("ro",),
        _words(
            "Maria Elena Ioana Andreea Mihaela Alexandra Cristina Daniela Gabriela Raluca Simona "
            "Loredana Florentina Roxana Ionela"
        ),
        _words(
            "Ion Gheorghe Vasile Constantin Mihai Ștefan Alexandru Andrei Florin Marius Cătălin "
            "Bogdan Adrian Nicolae Răzvan"
        ),
        _words(
            "Popescu Popa Pop Radu Dumitru Stoica Stan Gheorghe Matei Ciobanu Rusu Munteanu Constantin "
            "Ionescu Mihai Mocanu Florea Lazăr Dinu Tudor Ene Moldovan Toma Barbu Cristea Nistor Ursu "
            "Marin Neagu Sandu Ilie Vasile Oprea Lungu Ștefan Dobre Nedelcu Bălan Tănase Anghel Șerban "
            "Preda Dragomir Vlad Coman Surdu Niculescu Diaconu Zamfir Voicu Manole Nica Petrescu Roman "
            "Căpraru Bucur Iordache Pavel Sârbu Georgescu Dumitrescu Cojocaru Țurcanu Grigore Avram "
            "Badea Crăciun Enache Husar Moraru"
        ),
    ),
    Origin(
        "vi",
        "latin",
        0.10,
        "VN",
        ("vi",),
        _words("Lan Hương Linh Hoa Mai Trang Thảo Hà Anh Phương Hạnh Hiền Nhung Yến Vy"),
        _words("Tuấn Hùng Dũng Nam Long Huy Quang Sơn Thắng Hải Khoa Bảo Trung Cường Phúc"),
        _words(
            "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Mai Trịnh "
            "Lương Cao Tạ Lâm Chu"
        ),
        middle_f=_words("Thị Ngọc Thu Thanh Kim"),
        middle_m=_words("Văn Đức Minh Hữu Quốc"),
    ),
    Origin(
        "ka",
        "georgian",
        0.07,
        "GE",
        ("ka", "ru"),
        _words("ნინო მარიამ თამარ ეკატერინე ნათია სალომე ანა მაია ქეთევან ნანა ლიკა ხათუნა"),
        _words("გიორგი დავით ლევან ირაკლი ზურაბ ნიკოლოზ ალექსანდრე ლაშა თორნიკე შოთა ვახტანგ ბესიკ"),
        _words(
            "ბერიძე კაპანაძე გელაშვილი მაისურაძე გიორგაძე ლომიძე წიკლაური ბოლქვაძე ნოზაძე ხუციშვილი "
            "შენგელია ჯაფარიძე მელაძე აბულაძე ქავთარაძე დოლიძე კვარაცხელია ჩიქოვანი ღლონტი მჭედლიშვილი "
            "ბაქრაძე გოგიჩაიშვილი ცქიტიშვილი ჯავახიშვილი კიკნაძე ბურჯანაძე ნადირაძე ხარაიშვილი "
            "ტყეშელაშვილი მიქაძე ჩხეიძე კობახიძე ლორთქიფანიძე გოგოლაძე ქარჩავა ჯანელიძე ბერიაშვილი "
            "სამხარაძე ზოიძე ნაკაშიძე ფხაკაძე ქურციკიძე თოდუა ჟვანია ჩანტურია გაბუნია ესაკია ცინცაძე "
            "დვალი ხვიჩია გურგენიძე ოდიშარია ფაცაცია კაკაბაძე ჭავჭავაძე წერეთელი დადიანი ორბელიანი "
            "ამილახვარი სვანიძე"
        ),
    ),
    Origin(
        "en",
        "latin",
        0.10,
        "GB",
        ("en",),
        _words(
            "Emily Sarah Jessica Laura Rebecca Hannah Chloe Charlotte Sophie Amy Rachel Lucy Grace "
            "Megan Olivia"
        ),
        _words(
            "James John Michael David Daniel Thomas Matthew Christopher Andrew Joseph Ryan Liam Jack "
            "Samuel George"
        ),
        _words(
            "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
            "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
            "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
            "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
            "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
            "Marshall Anderson Simpson Ellis Adams O'Brien"
        ),
    ),
)

ORIGIN_BY_CODE = {origin.code: origin for origin in ORIGINS}

# Feminine forms of family names whose form follows the bearer's gender.
_FEMININE_ENDINGS = {
    "cyrillic-uk": (("ський", "ська"), ("цький", "цька"), ("ий", "а")),
    "cyrillic-ru": (("ский", "ская"), ("ов", "ова"), ("ёв", "ёва"), ("ев", "ева"), ("ин", "ина")),
    "pl": (("dzki", "dzka"), ("ski", "ska"), ("cki", "cka"), ("ny", "na")),
}


def feminine(origin: Origin, family: str) -> str:
    for old, new in _FEMININE_ENDINGS.get(origin.script if origin.code != "pl" else "pl", ()):
        if family.endswith(old):
            return family[: -len(old)] + new
    return family


# --- Latin spellings ------------------------------------------------------------------------------

_VOWELS = set("аеєиіїоуюяыэё")
_CYR_PASSPORT_COMMON = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "і": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "",
    "ы": "y", "э": "e", "ъ": "ie",
}  # fmt: skip
# Ukrainian: the 2010 national system (word-initial є ї й ю я as ye yi y yu ya).
_CYR_PASSPORT_UK = {"г": "h", "и": "y", "є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_CYR_PASSPORT_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Russian: the passport system since 2013.
_CYR_PASSPORT_RU = {"г": "g", "и": "i", "й": "i", "ю": "iu", "я": "ia", "ё": "e", "е": "e"}


def _cyrillic_passport(word: str, russian: bool) -> str:
    out = []
    for i, ch in enumerate(word.lower()):
        if russian:
            out.append(_CYR_PASSPORT_RU.get(ch) or _CYR_PASSPORT_COMMON.get(ch, ch))
        elif i == 0 and ch in _CYR_PASSPORT_UK_INITIAL:
            out.append(_CYR_PASSPORT_UK_INITIAL[ch])
        else:
            out.append(_CYR_PASSPORT_UK.get(ch) or _CYR_PASSPORT_COMMON.get(ch, ch))
    return "".join(out).capitalize()


_CYR_POLISH = {
    "а": "a", "б": "b", "в": "w", "ґ": "g", "д": "d", "ж": "ż", "з": "z", "і": "i", "к": "k",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y", "э": "e", "ъ": "", "'": "",
}  # fmt: skip
# Iotated vowels: after a consonant they soften it (i-), elsewhere they start with j-;
# after л the softness is carried by l instead of ł.
_CYR_POLISH_IOTATED = {"я": "a", "ю": "u", "є": "e", "ё": "o", "ї": "i"}


def _cyrillic_polish(word: str, russian: bool) -> str:
    s = word.lower()
    out = []
    for i, ch in enumerate(s):
        prev = s[i - 1] if i else ""
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch == "л":
            out.append("l" if nxt in ("ь", "я", "ю", "є", "ё", "і", "ї", "и" if russian else "") else "ł")
        elif ch == "г":
            out.append("g" if russian else "h")
        elif ch == "и":
            out.append("i" if russian and prev not in ("ж", "ш", "ц") else "y")
        elif ch == "й":
            out.append("j")
        elif ch == "ь":
            continue
        elif ch == "е":
            if russian and (not prev or prev in _VOWELS or prev in "ьъ"):
                out.append("je")
            else:
                out.append("e")
        elif ch in _CYR_POLISH_IOTATED:
            vowel = "ji" if ch == "ї" else _CYR_POLISH_IOTATED[ch]
            if ch == "ї":
                out.append("ji")
            elif prev == "л":
                out.append(vowel)
            elif not prev or prev in _VOWELS or prev in "ь'ъ":
                out.append("j" + vowel)
            else:
                out.append("i" + vowel)
        else:
            out.append(_CYR_POLISH.get(ch, ch))
    return "".join(out).capitalize()


# Georgian: the national system of 2002 as passports print it (no apostrophes for ejectives).
_GEORGIAN_LATIN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i",
    "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s",
    "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch", "ც": "ts",
    "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip


def strip_marks(text: str) -> str:
    """Latin letters without diacritics, as typed on a keyboard without them."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def passport_latin(origin: Origin, text: str) -> str:
    """The Latin spelling a passport would print; Latin-script names are returned unchanged."""
    if origin.script == "georgian":
        return " ".join("".join(_GEORGIAN_LATIN.get(ch, ch) for ch in w).capitalize() for w in text.split())
    if origin.script.startswith("cyrillic"):
        russian = origin.script == "cyrillic-ru"
        return " ".join(_cyrillic_passport(w, russian) for w in text.split())
    return text


def polish_latin(origin: Origin, text: str) -> str:
    """The spelling a Polish colleague would write; for Latin scripts, the name without diacritics."""
    if origin.script.startswith("cyrillic"):
        russian = origin.script == "cyrillic-ru"
        return " ".join(_cyrillic_polish(w, russian) for w in text.split())
    if origin.script == "georgian":
        return passport_latin(origin, text)
    return strip_marks(text)
