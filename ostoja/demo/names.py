"""The demo's fictional persons and their cases. Every name, date and story here is invented.

One ``P`` per person: the name in its original script, the Latin spelling when it differs (for
Cyrillic some English-style, some Polish-style, so the demo shows cross-script search), gender
code, birth date (``"YYYY-MM-DD"``) or estimated age (``int``), citizenships and languages (the
first language is the preferred one), where the person was exploited (``at``: country; ``where``:
place in Polish and English), the kind of work (a key of ``notes.WORK``) and one or more cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from ostoja.cases.codes import CaseKind, ClosureReason, Phase, RiskFlag, Status
from ostoja.people.codes import DocumentKind, DocumentStatus

BR, AR, FP = Phase.BEFORE_RETURN, Phase.AFTER_RETURN, Phase.FOREIGNER_IN_POLAND
OPEN, FOLLOW_UP, CLOSED, REFERRED = Status.OPEN, Status.FOLLOW_UP, Status.CLOSED, Status.CLOSED_REFERRED
GOALS_MET, DECLINED, LOST = ClosureReason.GOALS_MET, ClosureReason.PERSON_DECLINED, ClosureReason.CONTACT_LOST
HOME, NOT_THB, OTHER = ClosureReason.RETURNED_HOME, ClosureReason.NOT_TRAFFICKING, ClosureReason.OTHER
CONSULT, HOTLINE = CaseKind.CONSULTATION, CaseKind.HOTLINE
TRAFFICKER, MONITORED, HEALTH = RiskFlag.TRAFFICKER_CONTACT, RiskFlag.PHONE_MONITORED, RiskFlag.HEALTH
SUICIDE, NO_HOUSING, FAMILY = RiskFlag.SUICIDE_RISK, RiskFlag.NO_SAFE_HOUSING, RiskFlag.FAMILY_THREATENED

PASSPORT, ID_CARD, RESIDENCE, VISA = (
    DocumentKind.PASSPORT,
    DocumentKind.ID_CARD,
    DocumentKind.RESIDENCE_CARD,
    DocumentKind.VISA,
)
HELD, LOST_DOC, TAKEN = DocumentStatus.HELD, DocumentStatus.LOST, DocumentStatus.HELD_BY_OTHER


@dataclass(frozen=True)
class C:
    """One case: opening date, phase, status and, for closed cases, the reason."""

    opened: str
    phase: str
    status: str = OPEN
    reason: str = ""
    kind: str = CaseKind.SUPPORT
    flags: tuple[str, ...] = ()
    note: str = ""  # an opening note of its own instead of a generic one


@dataclass(frozen=True)
class P:
    given: str
    family: str
    given_latin: str
    family_latin: str
    gender: str  # f, m, tf, tm, nb, u
    born: str | int | None
    citizenships: str  # space-separated ISO 3166 codes
    languages: str  # space-separated ISO 639-1 codes, preferred first
    at: str
    where: tuple[str, str]
    work: str
    cases: tuple[C, ...]
    interpreter: bool = False
    minor: bool = False
    aliases: tuple[str, ...] = ()
    unsafe: bool = False  # the phone may be controlled by someone else
    papers: tuple[tuple[str, str], ...] = ()
    referral: str = ""  # where a referred case went, if not the usual place


PERSONS: list[P] = [
    # --- Polish citizens exploited abroad -------------------------------------------------------
    P("Agnieszka", "Wójcik", "", "", "f", "1988-06-14", "PL", "pl de", "DE", ("pod Oldenburgiem", "near Oldenburg"), "meat",
      (C("2024-02-19", AR, CLOSED, GOALS_MET),), unsafe=True, papers=((ID_CARD, TAKEN),)),
    P("Krzysztof", "Łukaszewski", "", "", "m", "1979-11-02", "PL", "pl", "NL", ("w Venlo", "in Venlo"), "greenhouse",
      (C("2023-05-08", AR, CLOSED, GOALS_MET),
       C("2025-09-15", BR, OPEN, flags=(NO_HOUSING, TRAFFICKER),
         note="Ponowne zgłoszenie po dwóch latach (poprzednia sprawa zamknięta w 2023 r.). {imie} znów wyjechał do "
              "Holandii z ogłoszenia w internecie — inna firma, ten sam schemat: potrącenia za kwaterę i transport, "
              "zabrany dowód. Pamiętał słowo kodowe z poprzedniej sprawy. Dzwoni z telefonu kolegi.")),
      unsafe=True, papers=((ID_CARD, LOST_DOC),)),
    P("Małgorzata", "Jędrzejczak", "", "", "f", "1969-03-21", "PL", "pl de", "DE", ("w Monachium", "in Munich"), "care",
      (C("2025-10-01", AR, FOLLOW_UP, flags=(HEALTH,)),)),
    P("Paweł", "Gałązka", "", "", "m", 34, "PL", "pl en", "GB", ("w Leicesterze", "in Leicester"), "fraud",
      (C("2023-01-23", BR, REFERRED), C("2024-06-10", AR, REFERRED, kind=CONSULT)),
      referral="punktu nieodpłatnej pomocy prawnej i poradni zadłużeniowej", papers=((PASSPORT, TAKEN),)),
    P("Dariusz", "Żmuda", "", "", "m", "1975-08-30", "PL", "pl", "SE", ("pod Göteborgiem", "near Gothenburg"), "construction",
      (C("2026-09-04", BR, OPEN, flags=(NO_HOUSING, MONITORED)),), unsafe=True, papers=((PASSPORT, TAKEN), (ID_CARD, TAKEN))),
    P("Bożena", "Kłos", "", "", "f", "1982-01-11", "PL", "pl it", "IT", ("w okolicach Foggii", "near Foggia"), "farm",
      (C("2023-08-21", AR, CLOSED, GOALS_MET),)),
    P("Łukasz", "Ślęzak", "", "", "m", 27, "PL", "pl en", "GB", ("pod Birmingham", "near Birmingham"), "carwash",
      (C("2025-07-03", BR, CLOSED, LOST, kind=HOTLINE),)),
    P("Justyna", "Wąsik", "", "", "f", "2001-12-05", "PL", "pl nl en", "NL", ("w Rotterdamie", "in Rotterdam"), "sex",
      (C("2025-11-18", AR, OPEN, flags=(TRAFFICKER, SUICIDE)),), unsafe=True),
    P("Oliwia", "Jaworska", "", "", "f", "2010-02-09", "PL", "pl en", "DE", ("w Berlinie", "in Berlin"), "theft",
      (C("2026-05-12", AR, OPEN, flags=(FAMILY,)),), minor=True),
    P("Zbigniew", "Wiśniewski", "", "", "m", 58, "PL", "pl", "NL", ("pod Eindhoven", "near Eindhoven"), "farm",
      (C("2025-01-13", AR, REFERRED, flags=(NO_HOUSING, HEALTH)),),
      referral="organizacji wspierającej osoby w kryzysie bezdomności", papers=((ID_CARD, LOST_DOC),)),
    P("Grażyna", "Żak", "", "", "f", "1964-07-30", "PL", "pl", "NO", ("w Bergen", "in Bergen"), "fish",
      (C("2023-11-06", BR, CLOSED, NOT_THB, kind=CONSULT),)),
    P("Jarosław", "Kędzierski", "", "", "m", "1987-04-25", "PL", "pl en", "NO", ("w Ålesund", "in Ålesund"), "fish",
      (C("2026-06-02", BR, FOLLOW_UP),), papers=((PASSPORT, HELD),)),
    P("Ewelina", "Szczęsna", "", "", "f", "1993-09-09", "PL", "pl de", "DE", ("w Düsseldorfie", "in Düsseldorf"), "domestic",
      (C("2025-05-20", AR, OPEN, flags=(HEALTH,)),)),
    P("Sławomir", "Bąk", "", "", "m", 21, "PL", "pl", "FR", ("pod Bordeaux", "near Bordeaux"), "farm",
      (C("2023-03-14", BR, CLOSED, LOST),)),
    P("Ala", "Stępień", "", "", "nb", "1999-02-17", "PL", "pl en sv", "SE", ("w Sztokholmie", "in Stockholm"), "cleaning",
      (C("2024-09-23", AR, CLOSED, GOALS_MET),)),
    P("Henryk", "Błaszczyk", "", "", "m", 63, "PL", "pl", "DE", ("pod Hanowerem", "near Hanover"), "warehouse",
      (C("2026-02-16", AR, FOLLOW_UP, flags=(HEALTH,)),), papers=((ID_CARD, LOST_DOC),)),
    # --- Ukraine ----------------------------------------------------------------------------------
    P("Олена", "Коваленко", "Olena", "Kovalenko", "f", "1990-09-17", "UA", "uk ru pl", "PL", ("pod Łodzią", "near Łódź"), "warehouse",
      (C("2024-03-18", FP, CLOSED, GOALS_MET),
       C("2026-10-05", FP, OPEN, flags=(TRAFFICKER,),
         note="Ponowny kontakt po dwóch latach: do Oleny odezwał się mężczyzna, który zwerbował ją w 2024 r., "
              "proponuje „nową pracę” i zna jej obecny adres. Ustalono plan bezpieczeństwa, nowy numer telefonu "
              "i spotkanie z prawniczką w sprawie zawiadomienia.")),
      aliases=("Олена Бойко",), papers=((PASSPORT, HELD), (RESIDENCE, HELD))),
    P("Юлія", "Шевченко", "Yuliia", "Shevchenko", "f", "1998-01-05", "UA", "uk ru", "PL", ("w Warszawie", "in Warsaw"), "sex",
      (C("2025-03-24", FP, CLOSED, LOST, kind=HOTLINE),
       C("2026-08-11", FP, OPEN, flags=(TRAFFICKER, MONITORED, NO_HOUSING),
         note="{imie} zadzwoniła ponownie (kontakt na infolinii w 2025 r. się urwał). Tym razem z telefonu sąsiadki: "
              "prosi o pomoc w wyjściu z mieszkania, w którym mieszka z „menedżerem”. Uzgodniono z policją "
              "bezpieczne wyjście, nocleg w mieszkaniu interwencyjnym. Rozmowa z tłumaczką języka ukraińskiego.")),
      interpreter=True, aliases=("Юля Шевченко",), unsafe=True, papers=((PASSPORT, TAKEN),)),
    P("Олександр", "Бондаренко", "Ołeksandr", "Bondarenko", "m", "1985-05-02", "UA", "uk ru", "PL", ("pod Poznaniem", "near Poznań"), "construction",
      (C("2023-06-26", FP, REFERRED),)),
    P("Наталія", "Мельник", "Natalija", "Melnyk", "f", 45, "UA", "uk", "PL", ("w Krakowie", "in Kraków"), "care",
      (C("2025-02-24", FP, FOLLOW_UP),), interpreter=True),
    P("Андрій", "Ткаченко", "Andrii", "Tkachenko", "m", "1979-12-12", "UA", "uk ru", "PL", ("pod Grójcem", "near Grójec"), "mushrooms",
      (C("2023-09-11", FP, CLOSED, GOALS_MET),), papers=((PASSPORT, TAKEN),)),
    P("Ірина", "Кравчук", "Iryna", "Krawczuk", "f", "1972-04-03", "UA", "uk ru pl", "PL", ("we Wrocławiu", "in Wrocław"), "factory",
      (C("2026-04-20", FP, OPEN, flags=(HEALTH,)),)),
    P("Максим", "Литвиненко", "Maksym", "Lytvynenko", "m", 17, "UA", "uk ru", "PL", ("w okolicach Białegostoku", "near Białystok"), "smuggling",
      (C("2026-07-14", FP, OPEN, flags=(TRAFFICKER,)),), minor=True, interpreter=True),
    P("Світлана", "Гнатюк", "Switłana", "Hnatiuk", "f", "1967-10-19", "UA", "uk pl", "PL", ("w Lublinie", "in Lublin"), "cleaning",
      (C("2024-11-25", FP, CLOSED, NOT_THB, kind=HOTLINE),), aliases=("Svitlana Hnatiuk",)),
    P("Богдан", "Савчук", "Bohdan", "Savchuk", "m", "1991-07-07", "UA", "uk", "PL", ("w Gdańsku", "in Gdańsk"), "carwash",
      (C("2025-06-16", FP, REFERRED, kind=CONSULT),), referral="Państwowej Inspekcji Pracy i punktu nieodpłatnej pomocy prawnej"),
    P("Саша", "", "Sasha", "", "u", None, "UA", "uk ru", "PL", ("w Warszawie", "in Warsaw"), "kitchen",
      (C("2026-03-30", FP, CLOSED, LOST, kind=HOTLINE),)),
    # --- Belarus, Russia ----------------------------------------------------------------------------
    P("Вольга", "Жукоўская", "Wolha", "Żukouska", "f", "1994-08-08", "BY", "ru be pl", "PL", ("pod Warszawą", "near Warsaw"), "domestic",
      (C("2024-07-08", FP, CLOSED, OTHER),)),
    P("Сяргей", "Карповіч", "Siarhei", "Karpovich", "m", "1983-02-28", "BY", "be ru", "PL", ("w Lublinie", "in Lublin"), "construction",
      (C("2025-04-14", FP, FOLLOW_UP, flags=(FAMILY,)),), papers=((PASSPORT, TAKEN),)),
    P("Дмитрий", "Соколов", "Dmitrij", "Sokołow", "m", "1989-06-21", "RU", "ru en", "PL", ("pod Strykowem", "near Stryków"), "warehouse",
      (C("2024-01-29", FP, CLOSED, DECLINED),), aliases=("Dmitriy Sokolov",)),
    P("Екатерина", "Морозова", "Ekaterina", "Morozova", "f", "1997-11-30", "RU", "ru", "PL", ("w Katowicach", "in Katowice"), "sex",
      (C("2026-01-19", FP, OPEN, flags=(TRAFFICKER, HEALTH)),), interpreter=True, unsafe=True),
    # --- Bulgaria, Romania, Moldova -------------------------------------------------------------------
    P("Радослава", "Петрова", "Radoslava", "Petrova", "f", "1999-03-15", "BG", "bg", "PL", ("w Szczecinie", "in Szczecin"), "sex",
      (C("2023-10-16", FP, CLOSED, HOME),), interpreter=True, papers=((ID_CARD, TAKEN),)),
    P("Стоян", "Маринов", "Stoyan", "Marinov", "m", 52, "BG", "bg ru", "PL", ("pod Kaliszem", "near Kalisz"), "farm",
      (C("2024-08-26", FP, CLOSED, HOME),), interpreter=True),
    P("Ionuț", "Țăranu", "Ionut", "Taranu", "m", "1986-10-10", "RO", "ro it", "PL", ("w Warszawie", "in Warsaw"), "construction",
      (C("2025-08-25", FP, CLOSED, HOME),), interpreter=True, papers=((ID_CARD, LOST_DOC),)),
    P("Mădălina", "Ștefănescu", "Madalina", "Stefanescu", "f", "2011-04-22", "RO", "ro", "PL", ("w Krakowie", "in Kraków"), "begging",
      (C("2026-09-21", FP, REFERRED, flags=(FAMILY,)),), minor=True, interpreter=True),
    P("Doina", "Căpățînă", "Doina", "Capatina", "f", "1981-05-29", "MD", "ro ru", "PL", ("pod Sandomierzem", "near Sandomierz"), "orchard",
      (C("2023-09-04", FP, CLOSED, GOALS_MET),), interpreter=True),
    P("Vasile", "Bălan", "Vasile", "Balan", "m", "1977-01-20", "MD RO", "ro ru", "PL", ("w Poznaniu", "in Poznań"), "construction",
      (C("2025-03-10", FP, FOLLOW_UP),), interpreter=True, papers=((PASSPORT, HELD),)),
    # --- Georgia ----------------------------------------------------------------------------------------
    P("ნინო", "ბერიძე", "Nino", "Beridze", "f", "1992-06-03", "GE", "ka ru en", "PL", ("w Warszawie", "in Warsaw"), "domestic",
      (C("2026-02-09", FP, OPEN, flags=(NO_HOUSING,)),), interpreter=True, papers=((PASSPORT, TAKEN),)),
    P("გიორგი", "კაპანაძე", "Giorgi", "Kapanadze", "m", "1988-09-26", "GE", "ka ru", "PL", ("pod Wrocławiem", "near Wrocław"), "warehouse",
      (C("2024-05-06", FP, CLOSED, LOST, kind=HOTLINE),), interpreter=True),
    # --- Viet Nam ---------------------------------------------------------------------------------------
    P("Thị Hương", "Nguyễn", "Thi Huong", "Nguyen", "f", "1995-02-14", "VN", "vi", "PL", ("w Warszawie", "in Warsaw"), "nails",
      (C("2025-10-27", FP, OPEN, flags=(TRAFFICKER,)),), interpreter=True, aliases=("Hương Nguyễn", "Hania Nguyen"),
      unsafe=True, papers=((PASSPORT, TAKEN), (VISA, TAKEN))),
    P("Văn Đức", "Trần", "Van Duc", "Tran", "m", 16, "VN", "vi", "PL", ("w Łodzi", "in Łódź"), "kitchen",
      (C("2026-03-02", FP, REFERRED),), minor=True, interpreter=True, papers=((PASSPORT, LOST_DOC),)),
    P("Minh Tuấn", "Phạm", "Minh Tuan", "Pham", "m", "1990-08-19", "VN", "vi en", "PL", ("pod Warszawą", "near Warsaw"), "construction",
      (C("2023-02-13", FP, CLOSED, GOALS_MET), C("2025-12-15", FP, CLOSED, NOT_THB, kind=CONSULT)),
      interpreter=True, papers=((RESIDENCE, HELD),)),
    # --- The Philippines --------------------------------------------------------------------------------
    P("Maria Theresa", "Dela Cruz", "", "", "f", "1985-10-02", "PH", "en tl", "PL", ("w Krakowie", "in Kraków"), "hotel",
      (C("2025-01-27", FP, FOLLOW_UP),), aliases=("Tess Dela Cruz",), papers=((PASSPORT, HELD), (RESIDENCE, HELD))),
    P("Ramil", "Bautista", "", "", "m", "1980-03-09", "PH", "en tl", "PL", ("pod Wrocławiem", "near Wrocław"), "factory",
      (C("2024-02-05", FP, REFERRED),), papers=((PASSPORT, TAKEN),)),
    P("Jocelyn", "Villanueva", "", "", "f", "1990-12-21", "PH", "en tl", "PL", ("w Warszawie", "in Warsaw"), "domestic",
      (C("2026-08-24", FP, OPEN, flags=(NO_HOUSING,)),), unsafe=True, papers=((PASSPORT, TAKEN), (VISA, TAKEN))),
    # --- Colombia ---------------------------------------------------------------------------------------
    P("José Luis", "Ramírez Ospina", "Jose Luis", "Ramirez Ospina", "m", "1984-07-15", "CO", "es", "PL", ("pod Krakowem", "near Kraków"), "construction",
      (C("2025-07-21", FP, FOLLOW_UP),), interpreter=True, aliases=("José Ramírez",)),
    P("Daniela", "Muñoz Cárdenas", "Daniela", "Munoz Cardenas", "f", "2000-05-05", "CO", "es en", "PL", ("w Warszawie", "in Warsaw"), "sex",
      (C("2026-05-25", FP, OPEN, flags=(TRAFFICKER, NO_HOUSING)),), interpreter=True, unsafe=True, papers=((PASSPORT, TAKEN),)),
    P("Yeison Andrés", "Patiño Rojas", "Yeison Andres", "Patino Rojas", "m", "1995-09-01", "CO", "es", "PL", ("pod Strykowem", "near Stryków"), "warehouse",
      (C("2024-10-14", FP, CLOSED, DECLINED),), interpreter=True),
    P("Valentina", "Gómez Restrepo", "Valentina", "Gomez Restrepo", "tf", "1998-11-11", "CO", "es", "PL", ("w Poznaniu", "in Poznań"), "sex",
      (C("2025-11-03", FP, FOLLOW_UP, flags=(HEALTH,)),), interpreter=True),
    # --- Nigeria, Kenya -----------------------------------------------------------------------------------
    P("Blessing", "Eze", "", "", "f", "1996-04-09", "NG", "en ig", "PL", ("w Gdańsku", "in Gdańsk"), "sex",
      (C("2026-06-29", FP, OPEN, flags=(TRAFFICKER, FAMILY)),), aliases=("Joy Eze",), unsafe=True, papers=((PASSPORT, TAKEN),)),
    P("Chinedu", "Okafor", "", "", "m", "1990-12-01", "NG", "en ig", "PL", ("w Warszawie", "in Warsaw"), "delivery",
      (C("2025-02-10", FP, CLOSED, NOT_THB, kind=CONSULT),), papers=((PASSPORT, HELD), (RESIDENCE, HELD))),
    P("Wanjiru", "Kamau", "", "", "f", "1993-07-27", "KE", "en sw", "PL", ("w Krakowie", "in Kraków"), "hotel",
      (C("2024-12-02", FP, REFERRED),), papers=((PASSPORT, TAKEN),)),
    # --- Uzbekistan, India, Nepal -------------------------------------------------------------------------
    P("Dilshod", "Toʻrayev", "Dilshod", "Turaev", "m", "1987-03-18", "UZ", "uz ru", "PL", ("pod Łodzią", "near Łódź"), "construction",
      (C("2026-01-26", FP, OPEN, flags=(NO_HOUSING,)),), interpreter=True, papers=((PASSPORT, TAKEN), (VISA, TAKEN))),
    P("Нодира", "Каримова", "Nodira", "Karimova", "f", "1985-11-05", "UZ", "uz ru", "PL", ("w Poznaniu", "in Poznań"), "factory",
      (C("2025-09-29", FP, FOLLOW_UP),), interpreter=True),
    P("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ", "Gurpreet", "Singh", "m", "1992-01-30", "IN", "en pa hi", "PL", ("w Warszawie", "in Warsaw"), "delivery",
      (C("2024-04-22", FP, CLOSED, GOALS_MET),), papers=((PASSPORT, HELD),)),
    P("सुनिता", "तामाङ", "Sunita", "Tamang", "f", "1994-05-16", "NP", "ne en", "PL", ("pod Strykowem", "near Stryków"), "warehouse",
      (C("2025-05-05", FP, REFERRED),), interpreter=True, papers=((PASSPORT, TAKEN),)),
    P("राम बहादुर", "थापा", "Ram Bahadur", "Thapa", "m", "1986-10-04", "NP", "ne hi", "PL", ("pod Poznaniem", "near Poznań"), "construction",
      (C("2024-03-04", FP, CLOSED, HOME),), interpreter=True, papers=((PASSPORT, TAKEN), (VISA, TAKEN))),
    P("Bikash", "Gurung", "", "", "m", "1998-08-12", "NP", "en ne", "PL", ("we Wrocławiu", "in Wrocław"), "delivery",
      (C("2026-10-19", FP, OPEN, flags=(NO_HOUSING,)),), unsafe=True),
]  # fmt: skip
