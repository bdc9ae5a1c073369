"""Fictional persons, cases and notes for the demo.

The persons come from :mod:`ostoja.demo.names`, the wording from :mod:`ostoja.demo.texts`; what is
left to chance (phone numbers, code words, which note templates, who manages a case) is drawn from
``random.Random(2026)``, so every load gives the same demo. Everything goes through the same
services the screens use (``person_register``, ``case_open``, ``note_add``), so search tokens, case
numbers and protocols are exactly what real use would produce.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.cases.codes import CLOSED_STATUSES, CaseKind, ClosureReason, Phase, RiskFlag, Status
from ostoja.cases.models import Case, Note
from ostoja.cases.services import age_on, case_open, note_add
from ostoja.demo import staff, texts
from ostoja.demo.names import PERSONS, C, P
from ostoja.people.codes import ChannelKind, Gender, Messages, Safety
from ostoja.people.models import ContactChannel, IdentityDocument, Person, SafeContactProtocol
from ostoja.people.services import person_register
from ostoja.vault.normalise import phone_e164

SEED = 2026
DEMO_USERNAMES = [username for username, *_ in staff.DEMO_STAFF]
CASE_MANAGERS = ["opiekun", "opiekunka"]
# Past-tense ending of each case manager's own verbs in notes (rozmawiałem, rozmawiałam).
AUTHOR_ENDING = {"opiekun": "em", "opiekunka": "am"}
# Nothing in the demo happens after this day.
LAST_DAY = date(2026, 11, 20)

GENDERS = {
    "f": Gender.FEMININE,
    "m": Gender.MASCULINE,
    "tf": Gender.TRANS_FEMININE,
    "tm": Gender.TRANS_MASCULINE,
    "nb": Gender.NON_CONFORMING,
    "u": Gender.UNKNOWN,
}
# Which grammatical forms the notes use for each gender code.
GRAMMAR = {"f": "f", "tf": "f", "m": "m", "tm": "m", "nb": "u", "u": "u"}


def ensure_demo_records() -> list[str]:
    """Creates the demo persons and cases once; later calls only report what is there."""
    if _demo_persons().exists():
        return [_summary(), "Demo persons and cases were already loaded; nothing added."]
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    if set(users) != set(DEMO_USERNAMES):
        users = {user.username: user for user in staff.ensure_demo_staff()}
    with transaction.atomic():
        _Builder(random.Random(SEED), users).build()
    return [_summary()]


def _demo_persons():
    return Person.objects.filter(registered_by__username__in=DEMO_USERNAMES)


def _summary() -> str:
    persons = _demo_persons()
    cases = Case.objects.filter(person__in=persons)
    notes = Note.objects.filter(case__in=cases)
    return f"Demo persons: {persons.count()}, cases: {cases.count()}, notes: {notes.count()}."


@dataclass
class _Planned:
    spec: C
    who: P
    person: Person
    manager: str


class _Builder:
    def __init__(self, rng: random.Random, users: dict[str, User]) -> None:
        self.rng = rng
        self.users = users
        self.used_values: set[str] = set()

    def build(self) -> None:
        planned: list[_Planned] = []
        for who in PERSONS:
            managers = self._managers(who)
            first = who.cases[0]
            registrar = (
                "dyzurna" if first.kind == CaseKind.HOTLINE or self.rng.random() < 0.2 else managers[0]
            )
            person = self._register(who, self.users[registrar])
            planned += [
                _Planned(spec, who, person, manager)
                for spec, manager in zip(who.cases, managers, strict=True)
            ]
        # Opened in date order, so the numbers of each year follow the opening dates.
        for item in sorted(planned, key=lambda item: item.spec.opened):
            self._open(item)

    def _managers(self, who: P) -> list[str]:
        first = self.rng.choice(CASE_MANAGERS)
        return [
            first if i == 0 or self.rng.random() < 0.6 else self.rng.choice(CASE_MANAGERS)
            for i in range(len(who.cases))
        ]

    # --- Persons ---------------------------------------------------------------------------------

    def _register(self, who: P, registrar: User) -> Person:
        languages = who.languages.split()
        person = Person(
            given_name=who.given,
            family_name=who.family,
            given_name_latin=who.given_latin,
            family_name_latin=who.family_latin,
            aliases=list(who.aliases),
            gender=GENDERS[who.gender],
            date_of_birth=date.fromisoformat(who.born) if isinstance(who.born, str) else None,
            estimated_age=who.born if isinstance(who.born, int) else None,
            is_minor=who.minor,
            citizenships=who.citizenships.split(),
            languages=languages,
            preferred_language=languages[0],
            needs_interpreter=who.interpreter,
            registered_by=registrar,
        )
        channels = self._channels(who)
        documents = [self._document(who, kind, status) for kind, status in who.papers]
        person = person_register(person=person, channels=channels, documents=documents)
        self._protocol(who, person, channels)
        return person

    def _channels(self, who: P) -> list[ContactChannel]:
        rng = self.rng
        home = who.citizenships.split()[0]
        first = who.cases[0]
        abroad = first.phase == Phase.BEFORE_RETURN and first.kind != CaseKind.CONSULTATION
        local = who.at if abroad else "PL"
        hours_suffix = "" if local == "PL" else " (czasu lokalnego)"
        hotline_only = all(case.kind == CaseKind.HOTLINE for case in who.cases)

        main = ContactChannel(kind=ChannelKind.PHONE, value=self._phone(local))
        channels = [main]
        if hotline_only:
            main.safety = Safety.UNKNOWN
            main.notes = "Numer z połączenia na infolinię; nie wiadomo, czy telefon jest bezpieczny."
            return channels
        if who.unsafe:
            main.safety = Safety.UNSAFE
            main.notes = rng.choice(
                texts.UNSAFE_PHONE_NOTES_AFTER_RETURN
                if first.phase == Phase.AFTER_RETURN
                else texts.UNSAFE_PHONE_NOTES
            )
            channels.append(
                ContactChannel(
                    kind=ChannelKind.MESSENGER,
                    value=self._phone(local),
                    safety=Safety.SAFE,
                    safe_hours=rng.choice(texts.SAFE_HOURS) + hours_suffix,
                    code_word=rng.choice(texts.CODE_WORDS),
                    notes="Signal. " + rng.choice(texts.SAFE_CHANNEL_NOTES),
                )
            )
        else:
            main.safety = Safety.SAFE
            main.safe_hours = rng.choice(texts.SAFE_HOURS) + hours_suffix
            if rng.random() < 0.6:
                main.code_word = rng.choice(texts.CODE_WORDS)
        if home != "PL" and rng.random() < 0.5:
            app = texts.MESSENGER_APPS.get(home, "WhatsApp")
            channels.append(
                ContactChannel(
                    kind=ChannelKind.MESSENGER,
                    value=self._phone(home),
                    safety=Safety.UNKNOWN if who.unsafe else Safety.SAFE,
                    notes=f"{app} — numer z kraju pochodzenia, używany do kontaktu z rodziną.",
                )
            )
        elif home == "PL" and rng.random() < 0.3:
            channels.append(
                ContactChannel(
                    kind=ChannelKind.PHONE,
                    value=self._phone("PL"),
                    safety=Safety.SAFE,
                    notes="Telefon babci (opiekunka prawna)."
                    if who.minor
                    else "Telefon siostry — wie o sytuacji, przekaże wiadomość.",
                )
            )
        if rng.random() < 0.3:
            channels.append(
                ContactChannel(
                    kind=ChannelKind.EMAIL,
                    value=self._email(who),
                    safety=Safety.UNKNOWN if who.unsafe else Safety.SAFE,
                    notes="Pocztę sprawdza rzadko; tylko do przesyłania dokumentów.",
                )
            )
        return channels

    def _protocol(self, who: P, person: Person, channels: list[ContactChannel]) -> None:
        rng = self.rng
        english = _writes_english(who, who.cases[0])
        safe = [c for c in channels if c.safety == Safety.SAFE]
        if who.unsafe:  # the safe line set up for the person, not a relative's phone
            safe.sort(key=lambda c: c.kind != ChannelKind.MESSENGER)
        channel = safe[0] if safe else None
        protocol = SafeContactProtocol.objects.get(person=person)
        protocol.channel = channel
        if channel and channel.safe_hours:
            protocol.when = channel.safe_hours
        elif channel:
            protocol.when = rng.choice(texts.SAFE_HOURS)
        else:
            protocol.when = "Nie dzwonić — czekać, aż osoba sama się odezwie."
        protocol.if_someone_else_answers = rng.choice(
            texts.COVER_STORIES_EN if english else texts.COVER_STORIES
        )
        if who.unsafe or channel is None:
            protocol.messages = Messages.UNSAFE
        else:
            protocol.messages = rng.choice([Messages.SAFE, Messages.SAFE, Messages.UNSAFE, Messages.UNKNOWN])
        instructions = [rng.choice(texts.PROTOCOL_INSTRUCTIONS)]
        if who.interpreter:
            language = texts.LANGUAGE_GENITIVE.get(who.languages.split()[0], "ojczystego")
            instructions.append(
                f"Do rozmowy potrzebna tłumaczka języka {language} — umówić ją przed telefonem."
            )
        if who.minor:
            instructions.append(
                "Osoba małoletnia: o każdym kontakcie uprzedzić opiekuna prawnego lub wychowawcę."
            )
        protocol.other_instructions = " ".join(instructions)
        protocol.save()

    def _document(self, who: P, kind: str, status: str) -> IdentityDocument:
        home = who.citizenships.split()[0]
        country = "PL" if kind in ("residence_card", "visa") else home
        pattern = texts.DOCUMENT_PATTERNS.get((kind, country)) or texts.DOCUMENT_PATTERNS.get(
            kind, "@@#######"
        )
        unknown_number = status == "lost" and self.rng.random() < 0.5
        return IdentityDocument(
            kind=kind,
            number="" if unknown_number else self._unique(pattern),
            issuing_country=country,
            status=status,
            notes=self.rng.choice(texts.DOCUMENT_NOTES.get(status, [""])),
        )

    def _phone(self, country: str) -> str:
        for _ in range(200):
            number = phone_e164(self._fill(self.rng.choice(texts.PHONE_PATTERNS[country])))
            if number and number not in self.used_values:
                self.used_values.add(number)
                return number
        raise RuntimeError(f"No valid demo phone number could be made for {country}.")

    def _unique(self, pattern: str) -> str:
        while True:
            value = self._fill(pattern)
            if value not in self.used_values:
                self.used_values.add(value)
                return value

    def _fill(self, pattern: str) -> str:
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return "".join(
            str(self.rng.randrange(10)) if ch == "#" else self.rng.choice(letters) if ch == "@" else ch
            for ch in pattern
        )

    def _email(self, who: P) -> str:
        given = _ascii(who.given_latin or who.given).split()[0]
        family = _ascii(who.family_latin or who.family or "kontakt").split()[0]
        return f"{given}.{family}{self.rng.randrange(10, 99)}@{self.rng.choice(texts.EMAIL_DOMAINS)}"

    # --- Cases -----------------------------------------------------------------------------------

    def _open(self, item: _Planned) -> None:
        rng, spec = self.rng, item.spec
        manager = self.users[item.manager]
        flags = list(dict.fromkeys([*spec.flags, *([RiskFlag.MINOR] if item.who.minor else [])]))
        members = []
        if spec.kind == CaseKind.SUPPORT and rng.random() < 0.4:
            members.append(self.users["specjalistka"])
        if spec.kind == CaseKind.SUPPORT and rng.random() < 0.1:
            members.append(self.users[next(m for m in CASE_MANAGERS if m != item.manager)])
        case = Case(
            person=item.person,
            kind=spec.kind,
            phase=spec.phase,
            case_manager=manager,
            risk_flags=flags,
            opened_on=date.fromisoformat(spec.opened),
        )
        case = case_open(case=case, members=members)

        ctx = _context(item.who, spec, case.opened_on, item.manager)
        notes, closing = _notes(rng, item.who, spec, ctx)
        added = [note_add(case=case, author=manager, text=text) for text in notes]

        if spec.status == Status.FOLLOW_UP:
            case.status = spec.status
            case.save(update_fields=["status", "updated_at"])
        elif spec.status in CLOSED_STATUSES:
            days = rng.randint(21, 220) if spec.kind == CaseKind.SUPPORT else rng.randint(3, 30)
            case.status = spec.status
            case.closure_reason = spec.reason or ClosureReason.REFERRED
            case.closure_note = closing
            case.closed_on = min(case.opened_on + timedelta(days=days), LAST_DAY)
            case.save(update_fields=["status", "closure_reason", "closure_note", "closed_on", "updated_at"])
        self._backdate(case, added)

    def _backdate(self, case: Case, notes: list) -> None:
        """Spreads the notes over the life of the case, so the timeline reads like a real one."""
        end = case.closed_on or min(case.opened_on + timedelta(days=90), LAST_DAY)
        span = max((end - case.opened_on).days, 1)
        zone = timezone.get_current_timezone()

        def moment(day: date) -> datetime:
            return datetime.combine(day, time(self.rng.randint(8, 19), self.rng.randint(0, 59)), tzinfo=zone)

        Case.objects.filter(pk=case.pk).update(created_at=moment(case.opened_on))
        for index, note in enumerate(notes, start=1):
            day = case.opened_on + timedelta(days=span * index // (len(notes) + 1))
            Note.objects.filter(pk=note.pk).update(created_at=moment(day))


def _writes_english(who: P, spec: C) -> bool:
    """Notes on cases of English-speaking foreigners are written in English."""
    return spec.phase == Phase.FOREIGNER_IN_POLAND and who.languages.split()[0] == "en"


def _ascii(text: str) -> str:
    text = text.lower().replace("ł", "l")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == " ")) or "kontakt"


def _context(who: P, spec: C, opened: date, manager: str) -> dict[str, str]:
    """Everything a note template may name about this person and case."""
    home = who.citizenships.split()[0]
    languages = who.languages.split()
    gender = GRAMMAR[who.gender]
    born = date.fromisoformat(who.born) if isinstance(who.born, str) else None
    age = who.born if isinstance(who.born, int) else age_on(born, opened)
    if who.interpreter:
        talk = f"Rozmowa z tłumaczką języka {texts.LANGUAGE_GENITIVE[languages[0]]}."
    elif "pl" in languages:
        talk = "Rozmowa po polsku."
    elif languages[0] in texts.LANGUAGE_ADVERB:
        talk = (
            f"Rozmowa {texts.LANGUAGE_ADVERB[languages[0]]} — prowadziła pracownica ośrodka, która zna język."
        )
    else:
        talk = "Rozmowa po angielsku."
    work, work_en = texts.WORK[who.work]
    if who.work in texts.NOT_LABOUR:
        verbs = (
            "jest wykorzystywan{y} ",
            "był{a} wykorzystywan{y} ",
            "is being exploited ",
            "had been exploited ",
        )
    else:
        verbs = ("pracuje ", "pracował{a} ", "works ", "had been working ")
    forms = texts.FORMS[gender]
    kraj_w, kraj_z, kraj_en, stawka = texts.COUNTRIES[who.at]
    ambasada, do_kraju, embassy_en, home_en = texts.HOMES.get(home, ("", "", "", ""))
    referral_key = "minor" if who.minor else spec.phase if spec.phase == Phase.FOREIGNER_IN_POLAND else ""
    referral, referral_en = texts.REFERRALS[referral_key]
    name = who.given_latin or who.given
    return {
        **forms,
        "imie": "Osoba dzwoniąca" if who.gender == "u" else name,
        "name": "The caller" if who.gender == "u" else name,
        "wiek": str(age or ""),
        "praca": work,
        "praca_en": work_en,
        "pracuje": verbs[0].format(**forms) + work,
        "pracowal": verbs[1].format(**forms) + work,
        "works_en": verbs[2] + work_en,
        "worked_en": verbs[3] + work_en,
        "gdzie": who.where[0],
        "gdzie_en": who.where[1],
        "kraj_w": kraj_w,
        "kraj_z": kraj_z,
        "kraj_en": kraj_en,
        "stawka": stawka,
        "ambasada": ambasada,
        "do_kraju": do_kraju,
        "embassy_en": embassy_en,
        "home_en": home_en,
        "rozmowa": talk,
        "okres": "4 miesiące" if who.minor else "3 miesiące",
        "okres_en": "four months" if who.minor else "three months",
        "referral": who.referral or referral,
        "referral_en": referral_en,
        "zgoda": ("opiekuna tymczasowego" if spec.phase == Phase.FOREIGNER_IN_POLAND else "opiekuna prawnego")
        if who.minor
        else forms["kl_gen"],
        "am": AUTHOR_ENDING[manager],
    }


def _facts(who: P, spec: C) -> set[str]:
    """The facts note conditions in :mod:`ostoja.demo.texts` are checked against."""
    home = who.citizenships.split()[0]
    facts = {
        "minor" if who.minor else "adult",
        "home" if spec.reason == ClosureReason.RETURNED_HOME else "stays",
    }
    facts.add("nonlabour" if who.work in texts.NOT_LABOUR else "labour")
    if home not in texts.EU:
        facts.add("non_eu")
    if texts.HOMES.get(home, ("",))[0]:
        facts.add("embassy")
    if home == "UA":
        facts.add("ua")
    return facts


def _pick(rng: random.Random, pool, facts: set[str], count: int) -> list[str]:
    """``count`` templates that fit the facts, in the order of the pool (so the story runs forward)."""
    fitting = [text for condition, text in pool if all(c in facts for c in condition.split("+") if c)]
    return [fitting[i] for i in sorted(rng.sample(range(len(fitting)), min(count, len(fitting))))]


def _notes(rng: random.Random, who: P, spec: C, ctx: dict[str, str]) -> tuple[list[str], str]:
    """The notes of a case (2 to 4) and, for a closed case, its closing note."""
    english = _writes_english(who, spec)
    facts = _facts(who, spec)
    phase = spec.phase
    if spec.kind == CaseKind.HOTLINE:
        first = _pick(rng, texts.HOTLINE_FIRST_EN if english else texts.HOTLINE_FIRST, facts, 1)
        middle = [] if english else _pick(rng, texts.HOTLINE_MIDDLE, facts, rng.choice([0, 1]))
    elif spec.kind == CaseKind.CONSULTATION:
        pool = (texts.CONSULTATION_FIRST_EN if english else texts.CONSULTATION_FIRST).get(phase)
        first = _pick(rng, pool or texts.CONSULTATION_FIRST[phase], facts, 1)
        middle = []
    else:
        pool = (texts.FIRST_EN if english else texts.FIRST).get(phase) or texts.FIRST[phase]
        first = [spec.note] if spec.note else _pick(rng, pool, facts, 1)
        pool = (texts.MIDDLE_EN if english else texts.MIDDLE).get(phase) or texts.MIDDLE[phase]
        middle = _pick(rng, pool, facts, rng.choice([1, 2] if spec.status == Status.OPEN else [1, 1, 2]))

    closing = ""
    last: list[str] = []
    if spec.status == Status.FOLLOW_UP:
        pool = texts.FOLLOW_UP_EN if english else texts.FOLLOW_UP.get(phase) or texts.FOLLOW_UP[""]
        last = _pick(rng, pool, facts, 1)
    elif spec.status in CLOSED_STATUSES:
        reason = spec.reason or ClosureReason.REFERRED
        closings = texts.CLOSING_EN if english else texts.CLOSING
        closing = closings.get((reason, phase)) or closings[reason]
        last = [closing]

    notes = first + middle + last
    if len(notes) < 2:
        notes[1:1] = _pick(rng, texts.MIDDLE[phase], facts, 1)
    return [text.format(**ctx) for text in notes], closing.format(**ctx)
