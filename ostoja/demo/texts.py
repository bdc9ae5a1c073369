"""Phrases the demo builds its notes and contact details from. All of it is invented.

Note templates are ``(condition, text)`` pairs. The condition names facts about the person and the
case (``notes_for`` in :mod:`ostoja.demo.records` checks them); several are joined with ``+`` and
all must hold. Texts are ``str.format`` templates:

* Polish grammar follows the person: ``{Kl}``/``{kl}`` (Klientka, Klient, Osoba) with ``_gen``,
  ``_dat``, ``_acc`` and ``_ins`` cases; ``{a}`` ends a past-tense verb (zadzwonił{a}); ``{y}`` ends
  an adjective (zmęczon{y}); ``{ja}`` and ``{jej}`` are pronouns. ``{am}`` follows the author
  (rozmawiał{am}: rozmawiałem, rozmawiałam).
* ``{imie}``/``{name}``: the person's name; ``{praca}``/``{praca_en}``: the work, and
  ``{pracuje}``, ``{pracowal}``, ``{works_en}``, ``{worked_en}`` the same with a verb ("pracuje na
  budowie", "jest wykorzystywana w prostytucji"); ``{gdzie}``/``{gdzie_en}``: the place; ``{kraj_w}``,
  ``{kraj_z}``, ``{kraj_en}``: the country of exploitation, ``{stawka}`` the promised hourly rate there; ``{ambasada}``, ``{do_kraju}``, ``{embassy_en}``, ``{home_en}``: the home country;
  ``{rozmowa}``: in which language the conversation was; ``{okres}``/``{okres_en}``: the reflection
  period; ``{wiek}``: age; ``{referral}``/``{referral_en}``: where a referred case went; ``{zgoda}``:
  whose consent that took.
"""

from __future__ import annotations

from ostoja.cases.codes import ClosureReason as R
from ostoja.cases.codes import Phase

BR, AR, FP = Phase.BEFORE_RETURN, Phase.AFTER_RETURN, Phase.FOREIGNER_IN_POLAND

# --- Words ---------------------------------------------------------------------------------------

FORMS = {
    "f": {"Kl": "Klientka", "kl": "klientka", "kl_gen": "klientki", "kl_dat": "klientce", "kl_acc": "klientkę",
          "kl_ins": "klientką", "a": "a", "y": "a", "ja": "ją", "jej": "jej"},
    "m": {"Kl": "Klient", "kl": "klient", "kl_gen": "klienta", "kl_dat": "klientowi", "kl_acc": "klienta",
          "kl_ins": "klientem", "a": "", "y": "y", "ja": "go", "jej": "jego"},
    "u": {"Kl": "Osoba", "kl": "osoba", "kl_gen": "osoby", "kl_dat": "osobie", "kl_acc": "osobę",
          "kl_ins": "osobą", "a": "a", "y": "a", "ja": "ją", "jej": "jej"},
}  # fmt: skip

# Exploitation that is not employment: notes say "jest wykorzystywana ...", not "pracuje ...", and
# a labour inspection or a wage complaint does not fit it.
NOT_LABOUR = {"sex", "theft", "begging", "smuggling", "fraud"}

WORK = {
    "meat": ("w zakładzie mięsnym", "at a meat processing plant"),
    "greenhouse": ("w szklarni przy uprawie pomidorów", "in a tomato greenhouse"),
    "care": ("przy całodobowej opiece nad osobą starszą", "as a live-in carer for an elderly person"),
    "fraud": ("przy wyłudzaniu kredytów i zakładaniu kont na własne dane", "in loan and bank account fraud"),
    "construction": ("na budowie", "on a construction site"),
    "farm": ("przy zbiorach w gospodarstwie rolnym", "harvesting on a farm"),
    "carwash": ("w myjni samochodowej", "at a car wash"),
    "sex": ("w prostytucji", "in prostitution"),
    "theft": ("przy kradzieżach sklepowych", "in shoplifting"),
    "fish": ("w przetwórni ryb", "at a fish processing plant"),
    "domestic": ("jako pomoc domowa u prywatnej rodziny", "as a domestic worker for a private family"),
    "cleaning": ("w firmie sprzątającej", "for a cleaning company"),
    "warehouse": ("w magazynie centrum logistycznego", "in a logistics warehouse"),
    "mushrooms": ("w pieczarkarni", "at a mushroom farm"),
    "factory": ("w zakładzie produkcyjnym", "at a factory"),
    "smuggling": ("przy przenoszeniu papierosów przez granicę", "in cigarette smuggling"),
    "kitchen": ("w kuchni restauracji", "in a restaurant kitchen"),
    "begging": ("przy żebraniu na ulicy", "in street begging"),
    "orchard": ("przy zbiorze jabłek w sadzie", "picking apples in an orchard"),
    "nails": ("w salonie paznokci", "at a nail salon"),
    "hotel": ("przy sprzątaniu pokoi w hotelu", "cleaning rooms in a hotel"),
    "delivery": (
        "przy dostawach jedzenia na koncie „pośrednika”",
        "as a food delivery rider on an intermediary's account",
    ),
}

# Country of exploitation: (in, from, English, the hourly rate recruiters promise there).
COUNTRIES = {
    "PL": ("w Polsce", "z Polski", "Poland", "30 zł"),
    "DE": ("w Niemczech", "z Niemiec", "Germany", "12 euro"),
    "NL": ("w Holandii", "z Holandii", "the Netherlands", "13 euro"),
    "GB": ("w Wielkiej Brytanii", "z Wielkiej Brytanii", "the United Kingdom", "11 funtów"),
    "SE": ("w Szwecji", "ze Szwecji", "Sweden", "140 koron"),
    "IT": ("we Włoszech", "z Włoch", "Italy", "9 euro"),
    "NO": ("w Norwegii", "z Norwegii", "Norway", "200 koron"),
    "FR": ("we Francji", "z Francji", "France", "12 euro"),
}

# Home country: (contact with ..., return to ..., English embassy, English name).
HOMES = {
    "UA": ("konsulatem Ukrainy", "do Ukrainy", "the Consulate of Ukraine", "Ukraine"),
    "BY": ("", "na Białoruś", "", "Belarus"),
    "RU": ("", "do Rosji", "", "Russia"),
    "BG": ("ambasadą Bułgarii", "do Bułgarii", "the Embassy of Bulgaria", "Bulgaria"),
    "RO": ("ambasadą Rumunii", "do Rumunii", "the Embassy of Romania", "Romania"),
    "MD": ("ambasadą Mołdawii", "do Mołdawii", "the Embassy of Moldova", "Moldova"),
    "GE": ("ambasadą Gruzji", "do Gruzji", "the Embassy of Georgia", "Georgia"),
    "VN": ("ambasadą Wietnamu", "do Wietnamu", "the Embassy of Viet Nam", "Viet Nam"),
    "PH": ("ambasadą Filipin", "na Filipiny", "the Philippine Embassy", "the Philippines"),
    "CO": ("ambasadą Kolumbii", "do Kolumbii", "the Embassy of Colombia", "Colombia"),
    "NG": ("ambasadą Nigerii", "do Nigerii", "the Nigerian Embassy", "Nigeria"),
    "KE": ("ambasadą Kenii", "do Kenii", "the Embassy of Kenya", "Kenya"),
    "UZ": ("ambasadą Uzbekistanu", "do Uzbekistanu", "the Embassy of Uzbekistan", "Uzbekistan"),
    "IN": ("ambasadą Indii", "do Indii", "the Embassy of India", "India"),
    "NP": ("ambasadą Nepalu w Berlinie", "do Nepalu", "the Embassy of Nepal in Berlin", "Nepal"),
}

# Citizens of the EU are not covered by the certificate of art. 170 of the Act on Foreigners.
EU = {"PL", "RO", "BG"}

LANGUAGE_GENITIVE = {
    "uk": "ukraińskiego", "ru": "rosyjskiego", "be": "białoruskiego", "bg": "bułgarskiego", "ro": "rumuńskiego",
    "ka": "gruzińskiego", "vi": "wietnamskiego", "tl": "tagalog", "en": "angielskiego", "es": "hiszpańskiego",
    "uz": "uzbeckiego", "ne": "nepalskiego", "pa": "pendżabskiego", "hi": "hindi", "sw": "suahili", "ig": "igbo",
}  # fmt: skip

# How a conversation went when no interpreter was needed: in the person's language, by a colleague.
LANGUAGE_ADVERB = {
    "uk": "po ukraińsku", "ru": "po rosyjsku", "be": "po białorusku", "bg": "po bułgarsku", "ro": "po rumuńsku",
    "ka": "po gruzińsku", "vi": "po wietnamsku", "es": "po hiszpańsku", "uz": "po uzbecku",
}  # fmt: skip

REFERRALS = {
    "minor": ("placówki opiekuńczo-wychowawczej (we współpracy z opiekunem tymczasowym i sądem rodzinnym)",
              "a children's care home, together with the temporary guardian and the family court"),
    FP: ("organizacji wspierającej cudzoziemców w miejscu zamieszkania", "an organisation supporting foreigners where the client lives"),
    "": ("miejskiego ośrodka pomocy społecznej w miejscu zamieszkania", "the municipal social welfare centre where the client lives"),
}  # fmt: skip

# --- Notes: the first one of a case --------------------------------------------------------------

FIRST = {
    BR: [
        ("labour", "Pierwszy telefon {kraj_z}. {imie} {pracuje} {gdzie}. Pośrednik z Polski obiecywał {stawka} za "
             "godzinę, po sześciu tygodniach wypłacił tylko zaliczki, resztę potrąca za kwaterę i dojazdy. Rozmowa "
             "krótka, z telefonu kolegi z pracy. Ustalono słowo kodowe i porę kolejnego kontaktu."),
        ("", "Zgłoszenie od siostry {kl_gen}: od trzech tygodni tylko krótkie wiadomości, ostatnio „nie mogę stąd "
             "wyjechać”. {imie} {pracuje} {gdzie}. Siostrze przekazano numer infolinii i zasady bezpiecznego "
             "kontaktu; wieczorem {kl} zadzwonił{a} do nas bezpośrednio."),
        ("labour", "{imie} zadzwonił{a} {kraj_z} z telefonu pożyczonego w sklepie. Mieszka z kilkunastoma osobami w "
             "przepełnionym domu {gdzie}, pracuje {praca} po 12 godzin dziennie. Pracodawca zabrał dokumenty „do "
             "rejestracji” i ich nie oddał. Chce wrócić do Polski."),
        ("", "Telefon od organizacji partnerskiej {kraj_w}: {imie} zgłosił{a} się do nich po pomoc; {pracowal} "
             "{gdzie}. {Kl} potwierdził{a} w rozmowie z nami zgodę na wymianę informacji z partnerem. "
             "Umówiono wspólną rozmowę na jutro."),
        ("nonlabour", "Pierwszy telefon {kraj_z}. {imie} wyjechał{a} z ogłoszenia o pracy; na miejscu „opiekun” "
                      "zabrał dokumenty i od tamtej pory {kl} {pracuje} {gdzie}. Nie ma pieniędzy na powrót. Rozmowa "
                      "krótka, ustalono słowo kodowe."),
    ],
    AR: [
        ("adult+labour", "{imie} wrócił{a} {kraj_z} tydzień temu i zgłosił{a} się po informację z ulotki na "
                         "dworcu. Przez cztery miesiące {pracowal} {gdzie}, wynagrodzenia prawie nie dostał{a}. Obecnie "
                  "nocuje u znajomych. Umówiono spotkanie w ośrodku."),
        ("adult", "Przekazanie z MOPS: {kl} po powrocie {kraj_z}, bez pieniędzy i bez dokumentów; {pracowal} "
                  "{gdzie}. Pierwsza rozmowa w ośrodku — ocena potrzeb: mieszkanie, dowód osobisty, lekarz, "
                  "wsparcie psychologiczne."),
        ("adult", "Pierwszy telefon jeszcze {kraj_z}: {imie} {pracowal} {gdzie}. Po rozmowie z nami i z "
                  "konsulatem wrócił{a} autokarem; odebrano {kl_acc} z dworca i przewieziono do mieszkania "
                  "interwencyjnego. Sprawa przechodzi do etapu po powrocie."),
        ("adult+labour", "Zgłoszenie przez policję po powrocie {kraj_z}: {imie} złożył{a} zawiadomienie na "
                         "komisariacie. Przez pół roku {pracowal} {gdzie}, bez umowy i bez wypłat. Pierwsze spotkanie w ośrodku: {kl} "
                  "zmęczon{y}, ale w dobrym kontakcie; nocleg w mieszkaniu interwencyjnym."),
        ("minor", "Zgłoszenie od policji: {imie} ({wiek} lat) wrócił{a} {kraj_z}, gdzie był{a} wykorzystywan{y} "
                  "{praca} {gdzie}. Mieszka z babcią. Pierwsze spotkanie w ośrodku w obecności babci i "
                  "psycholożki; powiadomiono sąd rodzinny."),
    ],
    FP: [
        ("adult+labour", "Zgłoszenie od Straży Granicznej: podczas kontroli legalności zatrudnienia {gdzie} {imie} "
                         "powiedział{a}, że pracodawca zatrzymał dokumenty, a wynagrodzenia nie ma od trzech miesięcy "
                         "(praca {praca}). {rozmowa} Zapewniono nocleg w mieszkaniu interwencyjnym."),
        ("adult", "Telefon na infolinię: {imie} {pracuje} {gdzie}. Pokój z sześcioma osobami, potrącenia za "
                  "wszystko, „dług” za przejazd rośnie. Rozmowa przerwana, oddzwonił{a} po godzinie z innego "
                  "telefonu. {rozmowa} Ustalono słowo kodowe."),
        ("adult", "Policja przekazała informację: {imie} zgłosił{a} się na komisariat {gdzie}. Pierwsza rozmowa w "
                  "ośrodku: rekrutacja przez ogłoszenie w internecie, obietnica legalnej pracy i mieszkania; na "
                  "miejscu zabrano dokumenty i zakazano wychodzenia bez „opiekuna”. {rozmowa}"),
        ("adult+labour", "Zgłoszenie od znajomej {kl_gen} z parafii: {imie} od miesięcy pracuje {praca} {gdzie} bez "
                         "wynagrodzenia i śpi w miejscu pracy. Spotkanie w kawiarni z dala od miejsca pracy. "
                         "{rozmowa} {Kl} chce pomocy, ale boi się utraty prawa pobytu."),
        ("minor", "Zgłoszenie od Straży Granicznej {gdzie}: {kl} ma ok. {wiek} lat i jest bez opieki dorosłych, "
                  "wykorzystywan{y} {praca}. {rozmowa} Powiadomiono sąd rodzinny; do decyzji sądu nocleg w "
                  "pogotowiu opiekuńczym."),
    ],
}  # fmt: skip

FIRST_EN = {
    FP: [
        (
            "labour",
            "Hotline call in English: {name} {works_en} {gdzie_en}. Twelve-hour shifts, wages withheld for "
            'three months, the agency keeps the passport "for safekeeping". Could not talk long; agreed a '
            "call-back time and a code word.",
        ),
        (
            "labour",
            "Referred by the Border Guard after a labour inspection {gdzie_en}. First interview at the "
            'centre: {name} was recruited through an agency at home and "owes" a fee of about 3,500 USD, '
            "deducted from wages. Placed in the interim flat tonight.",
        ),
        (
            "",
            "A volunteer from a church group brought {name} to the centre. {name} {worked_en} {gdzie_en} "
            "and was not allowed to leave the flat alone. Needs: safe "
            "housing, a doctor, someone to talk to.",
        ),
    ],
}

HOTLINE_FIRST = [
    ("labour", "Telefon na infolinię, na początku anonimowo: {imie} {pracuje} {gdzie} i pyta, czy pracodawca może "
         "trzymać paszport „w depozycie”. Wyjaśniono, że nie; omówiono możliwości pomocy. {rozmowa} Na razie nie "
         "chce podawać adresu."),
    ("", "Połączenie na infolinię późnym wieczorem: {imie} {pracuje} {gdzie} i mówi, że nie może odejść, bo jest "
         "„winn{y}” pośrednikowi za przejazd. {rozmowa} Przekazano informacje o pomocy i numer dyżurny; {kl} "
         "ma oddzwonić jutro."),
]  # fmt: skip

HOTLINE_FIRST_EN = [
    (
        "",
        "Hotline call in English, late evening: {name} {works_en} {gdzie_en} and cannot leave because of a "
        '"debt" to the agent for the flight. Explained what help is available and gave the duty number; {name} '
        "will call back tomorrow.",
    ),
]

CONSULTATION_FIRST = {
    BR: [
        ("", "Konsultacja telefoniczna: {imie} pyta o ofertę pracy {kraj_w} dla syna — {praca} {gdzie}, wyjazd "
             "busem, zakwaterowanie „w cenie”, umowa dopiero na miejscu. Omówiono sygnały ostrzegawcze i listę "
             "pytań do pośrednika."),
    ],
    AR: [
        ("", "Konsultacja w ośrodku: {imie} dostaje wezwania do zapłaty za kredyty zaciągnięte na {jej} dane podczas "
             "pobytu {kraj_w}. Omówiono zawiadomienie o przestępstwie, zastrzeżenie numeru PESEL i pomoc w sprawie "
             "długów."),
    ],
    FP: [
        ("", "Konsultacja: {imie} pracuje {praca} {gdzie}. Pracodawca zalega z wypłatą za dwa miesiące, ale "
             "dokumenty {kl} ma przy sobie i może swobodnie odejść. {rozmowa} Omówiono prawa pracownicze i kontakt "
             "z PIP."),
    ],
}  # fmt: skip

CONSULTATION_FIRST_EN = {
    FP: [
        (
            "",
            "Consultation: {name} works {praca_en} {gdzie_en}. The employer is two months behind with wages, but "
            "the client keeps their own documents and can leave at any time. Explained labour rights and how to "
            "contact the labour inspectorate (PIP).",
        ),
    ],
}

# --- Notes: the work in between ------------------------------------------------------------------

MIDDLE = {
    BR: [
        ("", "Kontakt z konsulatem RP: {imie} nie ma przy sobie dowodu ani paszportu. Konsulat wyda paszport "
             "tymczasowy po wizycie osobistej, potrzebne zdjęcie. Termin ustalony, dojazd zorganizuje organizacja "
             "partnerska."),
        ("", "Organizacja partnerska {kraj_w} zapewni nocleg na dwie noce i transport do konsulatu. {Kl} zgodził{a} "
             "się na przekazanie im numeru telefonu."),
        ("", "Ocena potrzeb (telefonicznie, 40 min): bezpieczny nocleg do wyjazdu, pieniądze na jedzenie, bilet "
             "powrotny. Po powrocie: mieszkanie interwencyjne, lekarz, pomoc w sprawie niewypłaconego wynagrodzenia. "
             "Ryzyko: pośrednik zna adres rodziny w Polsce."),
        ("", "Kupiono bilet autokarowy do Polski. {Kl} ma numer dyżurny ośrodka; na dworcu odbierze {ja} pracownik "
             "ośrodka."),
        ("", "Omówiono z {kl_ins} możliwość zawiadomienia policji {kraj_w} lub prokuratury w Polsce. Na razie nie "
             "chce — boi się o rodzinę. Szanujemy decyzję, wrócimy do tematu po powrocie."),
        ("", "{Kl} wyprowadził{a} się z kwatery, gdy brygadzista był w pracy. Jest bezpieczn{y}, nocuje u znajomych "
             "z Polski. Rozmawiał{am} z {kl_ins} wieczorem, kolejny kontakt jutro rano."),
    ],
    AR: [
        ("adult", "Złożono wniosek o nowy dowód osobisty; do czasu wydania {kl} ma zaświadczenie z urzędu."),
        ("", "Wizyta u lekarza rodzinnego (ubezpieczenie przez MOPS). Skierowanie do poradni zdrowia psychicznego, "
             "termin za pięć tygodni."),
        ("adult", "Konsultacja z prawniczką: możliwość zawiadomienia o przestępstwie z art. 189a k.k. i dochodzenia "
                  "niewypłaconego wynagrodzenia. {Kl} chce najpierw odpocząć; kolejna rozmowa za dwa tygodnie."),
        ("adult", "Przesłuchanie w prokuraturze; towarzyszyła specjalistka z ośrodka. {Kl} złożył{a} zeznania, "
                  "wyznaczono pełnomocnika z urzędu."),
        ("adult", "Rejestracja w powiatowym urzędzie pracy; {kl} zainteresowan{y} kursem operatora wózka "
                  "widłowego."),
        ("", "Spotkanie z psycholożką: problemy ze snem, lęk przy telefonach z nieznanych numerów. Ustalono "
             "cotygodniowe spotkania przez dwa miesiące."),
        ("adult", "Przeprowadzka z mieszkania interwencyjnego do mieszkania chronionego (MOPS). Pomoc w zakupie "
                  "podstawowych rzeczy."),
        ("minor", "Sąd rodzinny i szkoła powiadomione. {Kl} mieszka z babcią, kurator w stałym kontakcie; rozmowa z "
                  "psycholożką raz w tygodniu."),
        ("minor", "Spotkanie z babcią i kuratorem: plan powrotu do szkoły od przyszłego semestru, zajęcia "
                  "wyrównawcze. Policja prowadzi postępowanie wobec osób, które {ja} wywiozły."),
    ],
    FP: [
        ("non_eu", "Straż Graniczna wydała zaświadczenie potwierdzające domniemanie, że {kl} jest ofiarą handlu "
                   "ludźmi (art. 170 ustawy o cudzoziemcach). Legalny pobyt na czas okresu na zastanowienie "
                   "({okres})."),
        ("non_eu+adult", "Konsultacja z prawniczką: art. 170 — okres na zastanowienie; art. 176 — zezwolenie na pobyt "
                         "czasowy w razie współpracy z prokuraturą. {Kl} potrzebuje czasu, zeznań na razie nie chce "
                         "składać."),
        ("embassy", "Kontakt z {ambasada} w sprawie dokumentu podróży: potrzebne zdjęcia i potwierdzenie tożsamości. "
                    "Wizyta umówiona, pojedziemy razem."),
        ("", "Badania w przychodni, koszty pokrywa program wsparcia. Stan ogólny dobry, zalecona kontrola "
             "stomatologiczna."),
        ("adult+labour", "Skarga do Państwowej Inspekcji Pracy o niewypłacone wynagrodzenie; {kl} ma zdjęcia grafików "
                         "i wiadomości od brygadzisty."),
        ("adult+stays", "Rozmowa o dobrowolnym powrocie: {kl} woli zostać w Polsce i znaleźć legalną pracę. Zapisano "
                        "{kl_acc} na kurs języka polskiego, pomoc w przygotowaniu CV."),
        ("adult", "Dłuższa rozmowa o rekrutacji: ogłoszenie w mediach społecznościowych, „dług” za przejazd i "
                  "zakwaterowanie spłacany z pensji. {imie} zapamiętał{a} imiona pośredników i numer, z którego "
                  "dzwonili — zapisano na potrzeby ewentualnego zawiadomienia."),
        ("adult", "Przesłuchanie w charakterze świadka w Straży Granicznej, obecna pełnomocniczka. {Kl} bardzo "
                  "zmęczon{y} po przesłuchaniu — rozmowa wspierająca w ośrodku."),
        ("ua+adult", "Pomoc w nadaniu numeru PESEL ze statusem UKR i we wniosku o świadczenia; wizyta w urzędzie "
                     "gminy umówiona."),
        ("home", "Rozmowa o dobrowolnym powrocie z IOM: {kl} chce wrócić {do_kraju}. Wniosek złożony, bilet po "
                 "uzyskaniu dokumentu podróży."),
        ("minor", "Sąd rodzinny ustanowił opiekuna tymczasowego. {Kl} umieszczon{y} w placówce "
                  "opiekuńczo-wychowawczej; codzienny kontakt z wychowawcą, tłumaczka dwa razy w tygodniu."),
        ("minor", "Rozmowa z psycholożką dziecięcą w obecności opiekuna tymczasowego. Plan: szkoła z oddziałem "
                  "przygotowawczym, zajęcia z języka polskiego."),
    ],
}  # fmt: skip

MIDDLE_EN = {
    FP: [
        ("non_eu", "Lawyer consultation: explained the art. 170 certificate (a reflection period of {okres_en}) and "
                   "the temporary residence permit under art. 176 if {name} cooperates with the prosecutor. The "
                   "client wants time to think."),
        ("embassy", "Went with {name} to {embassy_en} to apply for a new passport. Appointment in three weeks."),
        ("", "Medical check-up done, no urgent needs. Dentist appointment booked; costs covered by the support "
             "programme."),
        ("labour", "Complaint filed with the labour inspectorate (PIP) about unpaid wages; the client kept photos of "
                   "timesheets and messages from the supervisor."),
        ("stays", "Voluntary return discussed: {name} prefers to stay and find legal work. Helped with a CV; the "
                  "Polish course starts next month."),
        ("", "Session with the psychologist: trouble sleeping, afraid of calls from unknown numbers. Weekly sessions "
             "agreed for two months."),
    ],
}  # fmt: skip

HOTLINE_MIDDLE = [
    (
        "",
        "Oddzwoniono o umówionej porze: {kl} nadal w tym samym miejscu, rozważa spotkanie w ośrodku. Przypomniano "
        "zasady bezpiecznego kontaktu.",
    ),
]

# --- Notes: how the case stands now --------------------------------------------------------------

FOLLOW_UP = {
    BR: [
        ("", "{Kl} zostaje {kraj_w}: przez agencję z umową znalazł{a} legalną pracę, dokumenty odzyskane. Kontakt "
             "kontrolny raz w miesiącu przez komunikator."),
    ],
    "": [
        ("", "Przejście do monitoringu: {kl} mieszka samodzielnie i pracuje legalnie. Telefon kontrolny raz w "
             "miesiącu, następny za cztery tygodnie."),
        ("", "Rozmowa kontrolna: bez niepokojących sygnałów, pośrednik się nie odzywał. {Kl} prosi o pomoc przy "
             "rozliczeniu podatku — umówiono termin."),
    ],
}  # fmt: skip

FOLLOW_UP_EN = [
    (
        "",
        "Moved to follow-up: {name} has legal work and a room in a shared flat. Monthly check-in call agreed.",
    ),
]

CLOSING = {
    (R.GOALS_MET, FP): "Zamknięcie sprawy: cele wsparcia osiągnięte — dokumenty uregulowane, legalna praca, "
                       "mieszkanie. {Kl} wie, że może zgłosić się ponownie w każdej chwili.",
    R.GOALS_MET: "Zamknięcie sprawy: cele wsparcia osiągnięte (mieszkanie, praca, leczenie w ramach NFZ). {Kl} wie, "
                 "że może zgłosić się ponownie w każdej chwili.",
    R.PERSON_DECLINED: "{Kl} zrezygnował{a} z dalszego wsparcia i wyjechał{a} do pracy w innym mieście. Przekazano "
                       "numer infolinii. Sprawa zamknięta na prośbę {kl_gen}.",
    R.CONTACT_LOST: "Brak kontaktu od trzech tygodni, numer nieaktywny, wiadomości nieodczytane. Zgodnie z procedurą "
                    "sprawa zamknięta; jeśli {kl} się odezwie, otworzymy nową.",
    R.REFERRED: "Sprawa przekazana do {referral} za zgodą {zgoda}; przekazano tylko uzgodnione informacje. "
                "Zamknięcie z przekazaniem.",
    R.RETURNED_HOME: "{imie} wrócił{a} {do_kraju} w ramach programu dobrowolnych powrotów IOM. Przekazano kontakt do "
                     "organizacji pomocowej w kraju pochodzenia. Sprawa zamknięta.",
    (R.NOT_TRAFFICKING, BR): "Oferta sprawdzona: agencja zatrudnienia jest wpisana do rejestru (KRAZ), umowa po "
                             "polsku przed wyjazdem, zakwaterowanie opisane. Bez znamion handlu ludźmi; przekazano "
                             "numer infolinii na wypadek problemów na miejscu. Zamknięto.",
    R.NOT_TRAFFICKING: "Po rozmowie: spór o wynagrodzenie bez znamion handlu ludźmi ani pracy przymusowej. "
                       "Przekazano kontakt do PIP i nieodpłatnej pomocy prawnej. Zamknięto.",
    R.OTHER: "{Kl} wyjeżdża do rodziny poza Unię Europejską; dalsze wsparcie z naszej strony nie jest możliwe. "
             "Przekazano kontakt do organizacji w kraju docelowym. Zamknięto.",
}  # fmt: skip

CLOSING_EN = {
    R.GOALS_MET: "Case closed: support goals met (safe housing, legal work, documents sorted). {name} knows the door "
                 "stays open.",
    R.PERSON_DECLINED: "{name} declined further support and moved to another city. Hotline number given. Closed at "
                       "the client's request.",
    R.CONTACT_LOST: "No contact for three weeks; the number is switched off. Closed per procedure; a new case will be "
                    "opened if the client calls again.",
    R.REFERRED: "Referred to {referral_en} with the client's consent; only the agreed information was passed on. "
                "Case closed.",
    R.RETURNED_HOME: "{name} returned home through the IOM voluntary return programme; contact of a support "
                     "organisation in {home_en} passed on. Closed.",
    R.NOT_TRAFFICKING: "After the conversation: a wage dispute without signs of trafficking or forced labour. Passed "
                       "on contacts for the labour inspectorate and free legal aid. Closed.",
    R.OTHER: "{name} is moving to relatives outside the EU; we cannot continue support. Contact of an organisation "
             "there passed on. Closed.",
}  # fmt: skip

# --- Contact details ------------------------------------------------------------------------------

# ``#`` is a random digit; every number made from these is checked to be a valid number.
PHONE_PATTERNS = {
    "PL": ["+4850#######", "+4851#######", "+4853#######", "+4857#######"],
    "DE": ["+49151########", "+49160#######", "+49176########"],
    "NL": ["+316########"],
    "GB": ["+4474########", "+4475########", "+4479########"],
    "SE": ["+4670#######", "+4672#######", "+4673#######"],
    "IT": ["+39320#######", "+39347#######"],
    "NO": ["+474#######", "+479#######"],
    "FR": ["+336########", "+337########"],
    "UA": ["+38050#######", "+38067#######", "+38093#######"],
    "BY": ["+37529#######", "+37533#######"],
    "RU": ["+7916#######", "+7925#######"],
    "MD": ["+37369######", "+37379######"],
    "RO": ["+40721######", "+40744######"],
    "BG": ["+35988#######", "+35989#######"],
    "GE": ["+995555######", "+995599######"],
    "VN": ["+8490#######", "+8498#######"],
    "PH": ["+63917#######", "+63928#######"],
    "CO": ["+57300#######", "+57310#######"],
    "NG": ["+234803#######", "+234806#######"],
    "KE": ["+254712######", "+254722######"],
    "UZ": ["+99890#######", "+99893#######"],
    "IN": ["+9198########", "+9197########"],
    "NP": ["+97798########"],
}

MESSENGER_APPS = {
    "UA": "Viber",
    "BY": "Telegram",
    "RU": "Telegram",
    "UZ": "Telegram",
    "VN": "Zalo",
    "PH": "Viber",
}

SAFE_HOURS = [
    "pn–pt 20:00–21:30",
    "po 22:00, gdy współlokatorzy śpią",
    "w przerwie obiadowej, 13:00–13:30",
    "weekendy przed 9:00",
    "wt i czw 18:00–19:00",
    "dni robocze 9:00–17:00",
    "tylko po wiadomości „Jak się masz?” od osoby",
]

CODE_WORDS = [
    "konwalia", "słonecznik", "latarnia", "pierniki", "jarzębina", "bursztyn", "sikorka", "kasztan", "wrzos",
    "malina", "kompas", "żurawina", "niebieski parasol", "stara kamienica", "zielona herbata", "morska fala",
]  # fmt: skip

UNSAFE_PHONE_NOTES_AFTER_RETURN = [
    "Partner przegląda wiadomości i historię połączeń.",
    "Numer znają osoby, które zorganizowały wyjazd — dzwonią z różnych numerów.",
]

UNSAFE_PHONE_NOTES = [
    "Telefon może być kontrolowany przez pracodawcę.",
    "Telefon służbowy od pośrednika — sprawdza historię połączeń.",
    "Partner przegląda wiadomości i historię połączeń.",
    "Telefon zabierany na noc przez „menedżera”.",
]

SAFE_CHANNEL_NOTES = [
    "Nowa karta SIM przekazana przez ośrodek; numer zna tylko zespół.",
    "Telefon koleżanki, która wie o sytuacji i zgodziła się przekazywać wiadomości.",
    "Konto w komunikatorze założone na nowy numer, wiadomości znikające po 24 h.",
]

COVER_STORIES = [
    "Powiedzieć, że dzwonimy z apteki w sprawie recepty do odbioru. Nie podawać nazwiska ani nazwy ośrodka.",
    "Przedstawić się jako przychodnia: przełożenie wizyty kontrolnej. Poprosić o przekazanie, że termin jest "
    "aktualny.",
    "Pomyłka — zapytać o „panią Basię”, przeprosić i się rozłączyć. Nie oddzwaniać tego samego dnia.",
    "Kurier: paczka nie została doręczona, prosimy o kontakt. Bez nazwy ośrodka.",
    "Szkoła językowa: pytamy o zapisy na kurs — uprzejmie zakończyć rozmowę.",
    "Biuro rachunkowe w sprawie zwrotu podatku — tylko ogólnie, bez szczegółów.",
    "Rozłączyć się bez słowa. Nie oddzwaniać; czekać na wiadomość od osoby.",
]

COVER_STORIES_EN = [
    "Say you are calling from the pharmacy about a prescription that is ready. Do not name the centre.",
    'Say it is a wrong number and ask for "Mary". Apologise and hang up.',
    "Say you are calling from the language school about the course timetable.",
    "Hang up without a word and wait for the client to get in touch.",
]

PROTOCOL_INSTRUCTIONS = [
    "Najpierw zapytać o słowo kodowe; bez niego nie rozmawiać o sprawie.",
    "Nie wysyłać niczego z nazwą ośrodka ani linkami.",
    "Jeśli rozmowa zostanie przerwana — nie oddzwaniać, czekać na sygnał.",
    "Na początku każdej rozmowy zapytać, czy osoba jest w bezpiecznym miejscu i może swobodnie mówić.",
]

EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]

# Document number shapes: ``@`` a capital letter, ``#`` a digit. Keys: (kind, issuing country) or kind.
DOCUMENT_PATTERNS = {
    ("passport", "PL"): "E@#######",
    ("id_card", "PL"): "@@@######",
    ("passport", "UA"): "F@######",
    ("id_card", "BG"): "#########",
    ("id_card", "RO"): "@@######",
    "passport": "@@#######",
    "residence_card": "R@#######",
    "visa": "#########",
}

DOCUMENT_NOTES = {
    "held_by_other": ["Zatrzymany przez pracodawcę „do depozytu”; kopia w aktach.",
                      "U pośrednika — obiecał oddać „po spłacie długu”."],
    "lost": ["Zgubiony przy wyjeździe z kwatery; utrata zgłoszona.", "Zniszczony przez osobę, która kontrolowała pobyt."],
    "held": ["Oryginał u osoby; kopia w aktach za zgodą.", ""],
}  # fmt: skip
