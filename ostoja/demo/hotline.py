"""Fictional hotline demo: a week of contacts, a roster for the next 14 days, interventions, meetings.

Everything is relative to the moment of loading, so the board, the roster and "on duty now" look
alive whenever the demo is loaded. Contacts, interventions, meetings and calls are created once;
the roster is topped up on every call so that the next 14 days stay planned, except for one
deliberate gap (a night without a duty worker) that the roster page highlights.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.cases.models import Case
from ostoja.demo import staff
from ostoja.hotline import codes, meetings, roster, services
from ostoja.hotline.models import (
    CallEvent,
    Contact,
    Intervention,
    Meeting,
    Shift,
    TelephonyToken,
    hash_secret,
)
from ostoja.people.models import ContactChannel

SEED = 2026
GAP_DAY = 5  # days from today: that night has no duty worker on purpose
DEMO_USERNAMES = [username for username, *_ in staff.DEMO_STAFF]

# (hours ago, channel, direction, caller kind, language, interpreter, country, city, topic, urgency, summary, follow-up)
CONTACTS = [
    (
        2,
        "phone",
        "in",
        "anonymous",
        "uk",
        True,
        "PL",
        "Radom",
        "forced_labour",
        "soon",
        "Mężczyzna dzwoni w imieniu pięciu osób z Ukrainy pracujących przy zbiorze warzyw. Pracodawca zatrzymał "
        "paszporty, nie płaci od dwóch miesięcy. Rozmowa przez tłumacza. Poprosił o oddzwonienie jutro po 20:00.",
        True,
    ),
    (
        9,
        "phone",
        "in",
        "police",
        "pl",
        False,
        "PL",
        "Łódź",
        "suspected_trafficking",
        "routine",
        "Funkcjonariusz KWP Łódź pyta o procedurę wstępnej identyfikacji kobiety zatrzymanej w agencji towarzyskiej.",
        True,
    ),
    (
        14,
        "email",
        "in",
        "ngo",
        "en",
        False,
        "NL",
        "Rotterdam",
        "before_return",
        "routine",
        "Fairwork prosi o konsultację przed powrotem do Polski pracownika z fermy drobiu; potrzebny nocleg w Warszawie.",
        True,
    ),
    (
        20,
        "phone",
        "in",
        "family",
        "pl",
        False,
        "DE",
        "Dortmund",
        "before_return",
        "soon",
        "Siostra kobiety pracującej w Niemczech: brak kontaktu od tygodnia, ostatnio mówiła o długu wobec pośrednika.",
        True,
    ),
    (
        27,
        "messenger",
        "in",
        "anonymous",
        "ru",
        False,
        "PL",
        "Warszawa",
        "information",
        "routine",
        "Pytanie o bezpłatną pomoc prawną i o to, czy rozmowa z Centrum jest poufna.",
        False,
    ),
    (
        31,
        "phone",
        "in",
        "anonymous",
        "vi",
        True,
        "PL",
        "Wólka Kosowska",
        "forced_labour",
        "soon",
        "Kobieta z Wietnamu, praca w hali bez umowy, zakaz wychodzenia. Tłumacz telefoniczny. Nie podała imienia.",
        True,
    ),
    (
        38,
        "phone",
        "out",
        "person",
        "uk",
        True,
        "PL",
        "Kraków",
        "case_follow_up",
        "routine",
        "Rozmowa kontrolna zgodnie z protokołem; wszystko w porządku, termin spotkania potwierdzony.",
        False,
    ),
    (
        45,
        "letter",
        "in",
        "institution",
        "pl",
        False,
        "PL",
        "Warszawa",
        "legal",
        "routine",
        "Prokuratura Okręgowa prosi o informację o gotowości pokrzywdzonej do złożenia zeznań.",
        True,
    ),
    (
        52,
        "phone",
        "in",
        "border_guard",
        "pl",
        False,
        "PL",
        "Terespol",
        "suspected_trafficking",
        "soon",
        "Straż Graniczna: trzy kobiety z Gruzji bez dokumentów, podejrzenie werbunku do pracy w masażu.",
        True,
    ),
    (
        60,
        "phone",
        "in",
        "anonymous",
        "ro",
        True,
        "PL",
        "Poznań",
        "sexual_exploitation",
        "routine",
        "Rozmowa przez tłumacza rumuńskiego; rozmówczyni rozłączyła się po kilku minutach.",
        False,
    ),
    (
        71,
        "phone",
        "in",
        "employer",
        "pl",
        False,
        "PL",
        "Gdańsk",
        "information",
        "routine",
        "Pracodawca pyta, jak rozpoznać, czy agencja pracy tymczasowej nie wykorzystuje pracowników.",
        False,
    ),
    (
        80,
        "email",
        "in",
        "consulate",
        "en",
        False,
        "PL",
        "Warszawa",
        "documents",
        "routine",
        "Konsulat Filipin prosi o kontakt w sprawie obywatelki, która zgłosiła się bez paszportu.",
        True,
    ),
    (
        95,
        "phone",
        "in",
        "anonymous",
        "ka",
        True,
        "PL",
        "Wrocław",
        "safety",
        "soon",
        "Mężczyzna z Gruzji boi się wrócić do mieszkania zapewnianego przez pracodawcę.",
        True,
    ),
    (
        110,
        "partner",
        "in",
        "ngo",
        "pl",
        False,
        "PL",
        "Katowice",
        "organisation",
        "routine",
        "Konsultacja dla ośrodka interwencji kryzysowej: jak bezpiecznie prowadzić rozmowę z osobą pokrzywdzoną.",
        False,
    ),
    (
        130,
        "phone",
        "in",
        "anonymous",
        "pl",
        False,
        "GB",
        "Londyn",
        "before_return",
        "routine",
        "Polak w Wielkiej Brytanii, praca w myjni, potrącenia za mieszkanie. Chce wrócić; pytał o pomoc w podróży.",
        True,
    ),
    (
        150,
        "phone",
        "in",
        "anonymous",
        "en",
        False,
        "PL",
        "Warszawa",
        "information",
        "routine",
        "Studentka pyta o materiały do pracy zaliczeniowej.",
        False,
    ),
]

WEB_REPORTS = [
    (
        "uk",
        "Мою подругу тримають у квартирі у Варшаві, забрали телефон. Вона змогла написати мені один раз.",
        "Telegram @friend_demo",
        "будь-коли",
        "family",
        "Warszawa",
    ),
    (
        "en",
        "I saw workers sleeping in a container behind the warehouse near the motorway. They looked afraid.",
        "",
        "",
        "witness",
        "near Stryków",
    ),
    (
        "pl",
        "Pracuję w zakładzie pod Grójcem. Szef zabrał nam paszporty, mówi, że mamy dług za przejazd i mieszkanie "
        "do odpracowania, a na noc zamyka nas w baraku.",
        "",
        "tylko SMS, wieczorem",
        "person",
        "Grójec",
    ),
]

URGENT = [
    # minutes ago, language, country, needs, summary, handled by, escalated
    (
        42,
        "uk",
        "PL",
        ["safety", "shelter", "interpreter"],
        "Kobieta zamknięta w mieszkaniu z dzieckiem; właściciel wraca wieczorem. Dzwoni z cudzego telefonu.",
        None,
        True,
    ),
    (
        6,
        "pl",
        "PL",
        ["shelter", "transport"],
        "Mężczyzna uciekł z budowy, noc na dworcu, bez pieniędzy i dokumentów.",
        None,
        False,
    ),
    (
        95,
        "ro",
        "PL",
        ["medical", "police"],
        "Kobieta pobita przez „opiekuna”, potrzebna pomoc medyczna i policja.",
        "opiekunka",
        False,
    ),
]

MEETINGS = [
    # days ahead, hour, place kind, place note, purpose, safety check done
    (1, 11, "office", "", "Omówienie planu wsparcia i kontaktu z prokuraturą.", True),
    (
        3,
        14,
        "neutral",
        "Kawiarnia przy bibliotece, sala na piętrze",
        "Przekazanie dokumentów z konsulatu.",
        False,
    ),
    (6, 10, "shelter", "", "Spotkanie z psycholożką i tłumaczką.", True),
]


def ensure_demo_hotline() -> list[str]:
    """Loads the hotline demo once and keeps its roster planned 14 days ahead; returns summary lines."""
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    if set(users) != set(DEMO_USERNAMES):
        users = {u.username: u for u in staff.ensure_demo_staff()}
    with transaction.atomic():
        added = _ensure_roster(users)
        if not Contact.objects.filter(created_by__username__in=DEMO_USERNAMES).exists():
            _build(users, random.Random(SEED))
    contacts = Contact.objects.filter(created_by__username__in=DEMO_USERNAMES).count()
    start, end = roster.roster_window()
    return [
        f"Hotline: {contacts} demo contacts, {Contact.objects.untriaged().count()} waiting for triage, "
        f"{Intervention.objects.unassigned().count()} urgent unassigned, "
        f"{Meeting.objects.upcoming().count()} upcoming meetings.",
        f"Roster: {added} shifts added; {len(roster.gaps(start, end))} gap(s) in the next 14 days.",
    ]


def _local(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _ensure_roster(users: dict) -> int:
    """Duty 07–15, 15–23, 23–07 between the two duty workers; the supervisor on call 07–07."""
    today = timezone.localdate()
    duty = [users["dyzurna"], users["opiekunka"]]
    added = 0
    for offset in range(-1, 15):
        day = today + timedelta(days=offset)
        plan = [
            (duty[offset % 2], "duty", _local(day, 7), _local(day, 15)),
            (duty[(offset + 1) % 2], "duty", _local(day, 15), _local(day, 23)),
            (users["superwizor"], "supervisor", _local(day, 7), _local(day + timedelta(days=1), 7)),
        ]
        if offset != GAP_DAY:
            plan.append((duty[offset % 2], "duty", _local(day, 23), _local(day + timedelta(days=1), 7)))
        for user, kind, start, end in plan:
            if Shift.objects.overlapping(start, end).filter(kind=kind).exists():
                continue
            if Shift.objects.overlapping(start, end).filter(user=user).exists():
                continue
            roster.shift_add(
                user=user, kind=kind, starts_at=start, ends_at=end, created_by=users["superwizor"]
            )
            added += 1
    return added


def _demo_cases() -> list[Case]:
    return list(
        Case.objects.filter(person__registered_by__username__in=DEMO_USERNAMES)
        .exclude(status__in=["closed", "closed_referred"])
        .select_related("person", "case_manager")
        .order_by("pk")[:8]
    )


def _build(users: dict, rng: random.Random) -> None:
    now = timezone.now()
    cases = _demo_cases()
    workers = [users["dyzurna"], users["opiekunka"], users["opiekun"]]
    linked = iter(cases)
    for (
        hours,
        channel,
        direction,
        kind,
        lang,
        interp,
        country,
        city,
        topic,
        urgency,
        summary,
        follow,
    ) in CONTACTS:
        contact = Contact(
            channel=channel, direction=direction, caller_kind=kind, language=lang, interpreter_used=interp,
            caller_country=country, caller_city=city, topic=topic, urgency=urgency, summary=summary,
            follow_up_needed=follow, received_at=now - timedelta(hours=hours, minutes=rng.randint(0, 50)),
        )  # fmt: skip
        if kind == "person":
            case = next(linked, None)
            if case is not None:
                contact.case, contact.person = case, case.person
                contact.protocol_followed = direction == "out"
        services.contact_log(contact=contact, created_by=rng.choice(workers))
    for lang, text, details, safe, reporter, place in WEB_REPORTS:
        services.contact_from_web_report(
            language=lang, text=text, contact_details=details, safe_to_contact=safe, reporter_kind=reporter,
            location=place,
        )  # fmt: skip
    for minutes, lang, country, needs, summary, handler, escalated in URGENT:
        opened = now - timedelta(minutes=minutes)
        contact = services.contact_log(
            contact=Contact(
                channel="phone", caller_kind="anonymous", language=lang, interpreter_used=lang != "pl",
                caller_country=country, topic="safety", urgency="urgent", summary=summary, received_at=opened,
            ),
            created_by=users["dyzurna"],
        )  # fmt: skip
        intervention = services.intervention_open(
            contact=contact,
            needs=needs,
            opened_by=users["dyzurna"],
            handler=users.get(handler) if handler else None,
        )
        Intervention.objects.filter(pk=intervention.pk).update(
            opened_at=opened, taken_at=opened + timedelta(minutes=4) if handler else None,
            escalated_at=opened + timedelta(minutes=15) if escalated else None,
        )  # fmt: skip
        if handler:
            services.intervention_add_action(
                intervention=intervention, by=users[handler], at=opened + timedelta(minutes=10),
                text="Wezwano karetkę i patrol; tłumaczka rumuńska na linii.",
            )  # fmt: skip
    for (days, hour, place, note, purpose, checked), case in zip(MEETINGS, cases, strict=False):
        meeting = Meeting(
            case=case, starts_at=_local(timezone.localdate() + timedelta(days=days), hour), place_kind=place,
            place_note=note, purpose=purpose, safety_check_done=checked,
            interpreter_language=case.person.preferred_language if case.person.needs_interpreter else "",
        )  # fmt: skip
        meetings.meeting_schedule(meeting=meeting, staff=[], created_by=case.case_manager)
    _calls(now, cases)


def _calls(now: datetime, cases: list[Case]) -> None:
    token, _created = TelephonyToken.objects.get_or_create(
        name="Demo telephone system",
        defaults={"token_hash": hash_secret("demo-not-usable-" + str(now.timestamp()))},
    )
    from ostoja.hotline.api import match_number

    known = ContactChannel.objects.filter(person__cases__in=cases, kind="phone").first()
    numbers = [known.value if known else "+48 22 000 00 00", "+49 231 555 0142", "ukryty-numer"]
    for minutes, number in zip((3, 11, 26), numbers, strict=True):
        match, person_id = match_number(number)
        CallEvent.objects.create(
            token=token, number=number, occurred_at=now - timedelta(minutes=minutes), duration_seconds=40 + minutes * 7,
            direction=codes.CallDirection.INBOUND if minutes != 11 else codes.CallDirection.MISSED, line="800",
            match=match, person_id=person_id,
        )  # fmt: skip
