"""A synthetic register of any size, and timings of the real pages over it (``ostoja bench``).

``fill`` writes persons (names in Latin, Cyrillic, Vietnamese, Arabic, Georgian and Chinese
script, with their search tokens), cases (a third open, spread over many case managers, one
manager with a caseload of about forty), team members, contacts and audit events sealed into the
chain, in bulk, through the models' own encryption. ``measure`` signs in staff with a verified
second factor and requests each page through the whole stack (middleware, session, templates,
audit writes) in this process, timing each request and counting its SQL statements, beside a
minimal view on the same stack (the floor) and the bare SQL of the main list query.
Every person, name and number here is invented.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.accounts.roles import Discipline, Role
from ostoja.accounts.services import user_set_roles
from ostoja.audit import chain
from ostoja.audit.models import Action, AuditEvent, AuditObject, AuditUnsealed
from ostoja.cases.codes import CaseKind, Phase, Status
from ostoja.cases.models import Case, CaseMember, CaseNumberSequence
from ostoja.hotline import codes as hotline_codes
from ostoja.hotline.models import Contact
from ostoja.people.models import Person, SearchToken
from ostoja.vault import blind

SEED = 17
BATCH = 2000
PREFIX = "bench-"
OWN_CASELOAD = 40  # the cases of the measured case manager
LONG_TIMELINE = 200  # contacts on the measured case file

# (given names, family names, Latin spelling or None when the name is Latin already)
SCRIPTS: list[tuple[list[str], list[str], Callable[[str], str] | None]] = [
    (["Anna", "Maria", "Katarzyna", "Olena", "Iryna", "Tetiana", "Nguyen", "Ana", "Elena", "Svitlana"],
     ["Kowalska", "Nowak", "Shevchenko", "Bondarenko", "Popescu", "Ionescu", "Tkachenko", "Melnyk"], None),
    (["Олена", "Ірина", "Дмитро", "Андрій", "Наталія", "Сергій", "Юлія", "Олександр"],
     ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник", "Поліщук"], "cyrillic"),
    (["Thị Hoa", "Văn Minh", "Thị Lan", "Đức Anh", "Thu Trang"], ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"], None),
    (["فاطمة", "محمد", "عائشة", "أحمد"], ["حسن", "علي", "إبراهيم"], "arabic"),
    (["ნინო", "გიორგი", "თამარ"], ["ბერიძე", "კაპანაძე", "გელაშვილი"], "georgian"),
    (["丽", "伟", "芳"], ["王", "李", "张"], "han"),
]  # fmt: skip
LATIN = {
    "arabic": {"فاطمة": "Fatima", "محمد": "Muhammad", "عائشة": "Aisha", "أحمد": "Ahmad", "حسن": "Hassan",
               "علي": "Ali", "إبراهيم": "Ibrahim"},
    "georgian": {"ნინო": "Nino", "გიორგი": "Giorgi", "თამარ": "Tamar", "ბერიძე": "Beridze",
                 "კაპანაძე": "Kapanadze", "გელაშვილი": "Gelashvili"},
    "han": {"丽": "Li", "伟": "Wei", "芳": "Fang", "王": "Wang", "李": "Li", "张": "Zhang"},
}  # fmt: skip
CYRILLIC = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", [
    "a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia"], strict=True))  # fmt: skip


def _latin(kind: str | None, name: str) -> str:
    if kind is None:
        return ""
    if kind == "cyrillic":
        out = "".join(CYRILLIC.get(ch.lower(), ch) for ch in name)
        return out[:1].upper() + out[1:]
    return LATIN[kind].get(name, "")


def _batches(total: int) -> Iterator[range]:
    for start in range(0, total, BATCH):
        yield range(start, min(start + BATCH, total))


def _staff(username: str, roles: list[str], discipline: str = "") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name="Bench", last_name=username, email=f"{username}@bench.invalid",
                    discipline=discipline)  # fmt: skip
        user.set_unusable_password()
        user.save()
        user_set_roles(user=user, roles=roles)
    return user


@dataclass
class Cast:
    manager: User
    supervisor: User
    duty: User
    specialist: User
    managers: list[User] = field(default_factory=list)


def cast(*, managers: int = 0) -> Cast:
    found = Cast(
        manager=_staff(f"{PREFIX}manager", [Role.CASE_MANAGER]),
        supervisor=_staff(f"{PREFIX}supervisor", [Role.SUPERVISOR]),
        duty=_staff(f"{PREFIX}duty", [Role.DUTY_WORKER]),
        specialist=_staff(f"{PREFIX}specialist", [Role.SPECIALIST], Discipline.PSYCHOLOGY),
    )
    found.managers = [_staff(f"{PREFIX}manager-{n}", [Role.CASE_MANAGER]) for n in range(managers)]
    return found


def _person(rng: random.Random, registrar: User) -> Person:
    givens, families, kind = rng.choices(SCRIPTS, weights=[40, 30, 12, 8, 5, 5])[0]
    given, family = rng.choice(givens), rng.choice(families)
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 42)) if rng.random() < 0.7 else None
    return Person(
        given_name=given, family_name=family, given_name_latin=_latin(kind, given),
        family_name_latin=_latin(kind, family), gender=rng.choice(["female", "male"]), date_of_birth=born,
        citizenships=[rng.choice(["UA", "VN", "RO", "BY", "GE", "PH", "PL"])], languages=["uk"],
        registered_by=registrar,
    )  # fmt: skip


def _tokens(person: Person, phone: str) -> list[SearchToken]:
    kinds: set[tuple[str, str]] = set()
    for name in person.name_variants():
        for group in blind.name_tokens(name, "record"):
            kinds.update((SearchToken.Kind.NAME, token) for token in group)
    if person.date_of_birth:
        kinds.add((SearchToken.Kind.BIRTH, blind.date_token(person.date_of_birth)))
    token = blind.phone_token(phone)
    if token:
        kinds.add((SearchToken.Kind.PHONE, token))
    return [SearchToken(person=person, kind=kind, token=value) for kind, value in kinds]


def _audit(events: list[tuple[User, int]]) -> None:
    """Views of cases, written in bulk as ``chain.append`` writes them; the sealer then seals them."""
    now = timezone.now()
    rows = []
    for actor, case_id in events:
        event = AuditEvent(at=now, actor=actor, actor_username=actor.username, action=Action.VIEW,
                           object_type="case", details={}, prev_hash="")  # fmt: skip
        event.hash = chain.event_digest(event, [("case", case_id)])
        rows.append((event, case_id))
    AuditEvent.objects.bulk_create([event for event, _ in rows])
    AuditObject.objects.bulk_create([AuditObject(event=e, object_type="case", object_id=c) for e, c in rows])
    AuditUnsealed.objects.bulk_create([AuditUnsealed(event=event) for event, _ in rows])


def fill(cases: int, *, out: Callable[[str], None] = print) -> dict:
    """Adds ``cases`` cases (and a person each) to the register; returns what was written."""
    rng = random.Random(SEED + cases)
    started = time.monotonic()
    staff = cast(managers=max(8, cases // 1000))
    year = 2015
    base = (Case.objects.filter(number__startswith=f"{year}/").count() or 0) + 1
    own_left = max(0, OWN_CASELOAD - Case.objects.filter(case_manager=staff.manager).count())
    written = {"persons": 0, "cases": 0, "members": 0, "contacts": 0, "audit": 0, "tokens": 0}
    for chunk in _batches(cases):
        with transaction.atomic():
            persons = [_person(rng, staff.duty) for _ in chunk]
            Person.objects.bulk_create(persons)
            phones = [f"+48 6{rng.randrange(10**7, 10**8)}" for _ in chunk]
            tokens = [
                t for person, phone in zip(persons, phones, strict=True) for t in _tokens(person, phone)
            ]
            SearchToken.objects.bulk_create(tokens, batch_size=BATCH)
            rows = []
            for person, number in zip(persons, chunk, strict=True):
                own = number < own_left
                opened = date(2016, 1, 1) + timedelta(days=rng.randrange(3900))
                closed = rng.random() > 0.32 and not (own and number < own_left - 5)
                rows.append(Case(
                    number=f"{year}/{base + number:07d}", person=person, kind=CaseKind.SUPPORT,
                    phase=rng.choice([Phase.FOREIGNER_IN_POLAND, Phase.BEFORE_RETURN, Phase.AFTER_RETURN]),
                    status=Status.CLOSED if closed else rng.choice([Status.OPEN, Status.OPEN, Status.FOLLOW_UP]),
                    case_manager=staff.manager if own else rng.choice(staff.managers), opened_on=opened,
                    closed_on=opened + timedelta(days=200) if closed else None,
                ))  # fmt: skip
            Case.objects.bulk_create(rows)
            members = [CaseMember(case=c, user=staff.specialist) for c in rows if rng.random() < 0.2]
            CaseMember.objects.bulk_create(members)
            contacts = []
            for case in rows:
                first = base == 1 and case.number.endswith(f"/{base:07d}")
                count = LONG_TIMELINE if first else rng.choice([0, 1, 1, 2, 3])
                for _ in range(count):
                    received = timezone.now() - timedelta(minutes=rng.randrange(60 * 24 * 3000))
                    contacts.append(Contact(
                        channel=hotline_codes.Channel.PHONE, direction=hotline_codes.Direction.INCOMING,
                        caller_kind=hotline_codes.CallerKind.PERSON, topic=hotline_codes.Topic.FORCED_LABOUR,
                        urgency=hotline_codes.Urgency.ROUTINE, summary="Synthetic contact.", case=case,
                        person=case.person, created_by=staff.duty, received_at=received,
                        triaged_at=received + timedelta(minutes=5), triaged_by=staff.duty,
                    ))  # fmt: skip
            Contact.objects.bulk_create(contacts, batch_size=BATCH)
            _audit([(case.case_manager, case.pk) for case in rows])
        chain.seal()  # under the sealers' lock, like every other sealing
        written["persons"] += len(persons)
        written["cases"] += len(rows)
        written["members"] += len(members)
        written["contacts"] += len(contacts)
        written["audit"] += len(rows)
        written["tokens"] += len(tokens)
        out(f"{written['cases']} cases, {time.monotonic() - started:.0f} s")
    last = Case.objects.filter(number__startswith=f"{year}/").count()
    CaseNumberSequence.objects.update_or_create(year=year, defaults={"last": last})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    written["seconds"] = round(time.monotonic() - started, 1)
    return written


# --- Measuring ---------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    who: str  # the Cast attribute that requests it
    method: str
    url: str
    data: dict | None = None


def pages(staff: Cast) -> list[Page]:
    long_case = (
        Case.objects.filter(case_manager=staff.manager)
        .order_by("number")
        .values_list("pk", flat=True)
        .first()
    )
    filled = long_case is not None
    return [
        Page("floor: health check", "manager", "get", "/healthz"),
        Page("case manager's dashboard", "manager", "get", "/"),
        Page("supervisor's dashboard", "supervisor", "get", "/"),
        Page("duty worker's dashboard", "duty", "get", "/"),
        Page("my cases", "manager", "get", "/cases/"),
        Page("supervisor: closed cases", "supervisor", "get", "/cases/?scope=all&status=closed"),
        Page("case file, long timeline", "manager", "get", f"/cases/{long_case}/"),
        Page("name search, Cyrillic", "supervisor", "post", "/people/search/", {"q": "Олена Шевченко"}),
        Page("name search, Latin for Cyrillic", "supervisor", "post", "/people/search/", {"q": "Olena Shevchenko"}),
        Page("phone search", "supervisor", "post", "/people/search/", {"q": "+48 612 345 678"}),
        Page("emergencies board", "duty", "get", "/hotline/board/"),
    ] if filled else []  # fmt: skip


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _bare_sql(staff: Cast, repeat: int) -> dict:
    query = Case.objects.on_team_of(staff.manager).open().order_by("-opened_on", "-pk")[:10]
    sql, params = query.query.sql_with_params()
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            began = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - began) * 1000)
    return {"name": "bare SQL: my open cases", "p50_ms": round(_percentile(times, 0.5), 2),
            "p95_ms": round(_percentile(times, 0.95), 2)}  # fmt: skip


def measure(*, repeat: int = 30, out: Callable[[str], None] = print) -> dict:
    """Requests every page ``repeat`` times (after two warm-ups) as a signed-in, verified user."""
    from ostoja.testing.access import login_verified

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.OSTOJA_SEARCH_LIMIT = 10**9  # the look-up budget would refuse a benchmark's searches
    staff = cast()
    clients = {
        who: login_verified(Client(), getattr(staff, who)) for who in ("manager", "supervisor", "duty")
    }
    results = []
    for page in pages(staff):
        client = clients[page.who]
        times, counts, status = [], [], 0
        for round_ in range(repeat + 2):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = getattr(client, page.method)(page.url, page.data or {})
                elapsed = (time.perf_counter() - began) * 1000
            status = response.status_code
            if round_ >= 2:
                times.append(elapsed)
                counts.append(len(queries.captured_queries))
        row = {
            "page": page.name, "status": status, "p50_ms": round(_percentile(times, 0.5), 2),
            "p95_ms": round(_percentile(times, 0.95), 2), "p99_ms": round(_percentile(times, 0.99), 2),
            "sql": max(counts), "mean_ms": round(statistics.fmean(times), 2),
        }  # fmt: skip
        results.append(row)
        out(f"{row['page']}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['sql']} SQL ({status})")
    floor = results[0]["p50_ms"] if results else 0.0
    for row in results:
        row["x_floor_p50"] = round(row["p50_ms"] / floor, 1) if floor else None
    return {
        "cases": Case.objects.count(),
        "database": connection.vendor,
        "repeat": repeat,
        "pages": results,
        "bare_sql": _bare_sql(staff, repeat),
    }


def markdown(report: dict, command: str) -> str:
    lines = [
        f"### {report['cases']:,} cases ({report['database']}, {report['repeat']} requests per page)",
        "",
        f"Produced by `{command}`.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | SQL | × floor (p50) | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['sql']} | "
            f"{row['x_floor_p50']} | {row['status']} |"
        )
    bare = report["bare_sql"]
    lines += ["", f"{bare['name']}: p50 {bare['p50_ms']} ms, p95 {bare['p95_ms']} ms.", ""]
    return "\n".join(lines)


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def sessions() -> dict:
    """Signed-in, second-factor-verified sessions of the bench staff, for a load test over HTTP."""
    from ostoja.testing.access import login_verified

    staff = cast()
    found = {}
    for who in ("manager", "supervisor", "duty"):
        user = getattr(staff, who)
        client = login_verified(Client(), user)
        cases = (
            list(Case.objects.on_team_of(user).values_list("pk", flat=True)[:50]) if who == "manager" else []
        )
        if who == "supervisor":
            cases = list(Case.objects.order_by("-pk").values_list("pk", flat=True)[:50])
        found[who] = {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "cases": cases}
    return found
