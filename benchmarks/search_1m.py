"""Search at scale: a million invented persons, then timed searches by name, phone and duplicates.

Run from the project root (see benchmarks/README.md)::

    OSTOJA_MODE=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/ostoja_bench \\
        .venv/bin/python benchmarks/search_1m.py [--persons 1000000]

The script migrates the database, fills it with ``--persons`` invented persons (each with a phone
channel, search tokens and one case) unless it holds that many already, checks that the stored
tokens are exactly those ``tokens_for`` derives from the decrypted record, and then times
``find_persons`` and ``possible_duplicates`` for a random sample of persons and prints the query
plans. Everything runs against PostgreSQL only: the load uses ``COPY``.

Loading writes the tables directly instead of going through ``person_register``: values are sealed
with :func:`ostoja.vault.crypto.encrypt` under each field's own associated data, and search tokens
come from :mod:`ostoja.vault.blind` exactly as ``tokens_for`` makes them (the check after the first
chunk compares both and rolls the load back on any difference).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ostoja.settings")

import django  # noqa: E402

django.setup()

import phonenumbers  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from fictional_names import ORIGIN_BY_CODE, ORIGINS, feminine, passport_latin, polish_latin  # noqa: E402

from ostoja.accounts.models import User  # noqa: E402
from ostoja.cases.codes import CaseKind, ClosureReason, Phase, Status  # noqa: E402
from ostoja.cases.models import Case  # noqa: E402
from ostoja.people.codes import ChannelKind, Gender, Safety  # noqa: E402
from ostoja.people.models import ContactChannel, Person, SearchToken  # noqa: E402
from ostoja.people.search import find_persons  # noqa: E402
from ostoja.people.services import possible_duplicates, tokens_for  # noqa: E402
from ostoja.vault import blind  # noqa: E402
from ostoja.vault.crypto import encrypt  # noqa: E402

SEED = 20250601
CHUNK = 50_000
MANAGERS = 25
LOADED_TABLES = ("people_person", "people_contactchannel", "people_searchtoken", "cases_case")

# Mobile numbering plans: country code, national prefixes, digits after the prefix. Every number
# drawn from them is valid for libphonenumber (the first-chunk check would catch one that is not).
PHONE_PLANS = {
    "UA": ("380", ("50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"), 7),
    "PL": ("48", ("50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"), 7),
    "BY": ("375", ("291", "292", "293", "295", "296", "297", "298", "299", "33", "44"), None),
    "RO": ("40", ("72", "73", "74", "75", "76", "77"), 7),
    "VN": ("84", ("90", "91", "93", "94", "96", "97", "98", "32", "33", "34", "35", "36", "37", "38"), 7),
    "GE": ("995", ("555", "557", "558", "568", "571", "574", "577", "591", "593", "595", "597", "599"), 6),
    "GB": ("44", ("74", "75", "78"), 8),
}
NATIONAL_LENGTH = {"BY": 9}

_CUMULATIVE_SHARES = []
_total = 0.0
for _origin in ORIGINS:
    _total += _origin.share
    _CUMULATIVE_SHARES.append(_total)

FIRST_CREATED = dt.datetime(2012, 1, 9, 8, 0, tzinfo=dt.UTC)
LAST_CREATED = dt.datetime(2025, 5, 30, 18, 0, tzinfo=dt.UTC)
FIRST_BIRTH = dt.date(1962, 1, 1).toordinal()
LAST_BIRTH = dt.date(2007, 12, 31).toordinal()
STATUSES = (
    (Status.OPEN, 0.22),
    (Status.FOLLOW_UP, 0.10),
    (Status.CLOSED, 0.58),
    (Status.CLOSED_REFERRED, 0.10),
)
CLOSURE_REASONS = [r for r in ClosureReason.values if r != ClosureReason.REFERRED]


# --- Generating rows (runs in worker processes) ------------------------------------------------


class _Sealer:
    """Seals values the way each encrypted field does: its own ``to_bytes`` and associated data."""

    def __init__(self) -> None:
        self.fields = {}
        for model in (Person, ContactChannel, Case):
            for field in model._meta.concrete_fields:
                if hasattr(field, "aad"):
                    self.fields[(model, field.name)] = (field.to_bytes, field.aad)

    def __call__(self, model, name: str, value) -> str:
        to_bytes, aad = self.fields[(model, name)]
        return encrypt(to_bytes(value), aad=aad)


_WORD_TOKENS: dict[str, frozenset[str]] = {}
_DATE_TOKENS: dict[dt.date, str] = {}


def name_tokens_of(full_name: str) -> set[str]:
    """All name tokens of a full name; words are independent, so each word's tokens are cached."""
    tokens: set[str] = set()
    for word in full_name.split():
        cached = _WORD_TOKENS.get(word)
        if cached is None:
            cached = frozenset(t for group in blind.name_tokens(word) for t in group)
            _WORD_TOKENS[word] = cached
        tokens |= cached
    return tokens


def date_token_of(day: dt.date) -> str:
    token = _DATE_TOKENS.get(day)
    if token is None:
        token = _DATE_TOKENS[day] = blind.date_token(day)
    return token


def draw_phone(rng: random.Random, country: str) -> str:
    code, prefixes, digits = PHONE_PLANS[country]
    prefix = rng.choice(prefixes)
    if digits is None:
        digits = NATIONAL_LENGTH[country] - len(prefix)
    return f"+{code}{prefix}{rng.randrange(10**digits):0{digits}d}"


def _ts(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def build_chunk(spec: tuple[int, int, int, int, tuple[int, ...]]) -> dict[str, bytes]:
    """COPY text for persons ``first_index .. first_index + count - 1`` and their related rows."""
    first_index, count, first_id, total, managers = spec
    rng = random.Random(SEED * 7919 + first_index)
    seal = _Sealer()
    span = (LAST_CREATED - FIRST_CREATED).total_seconds()
    persons, channels, tokens, cases = [], [], [], []
    for offset in range(count):
        index = first_index + offset
        pk = first_id + offset
        origin = ORIGINS[bisect.bisect_left(_CUMULATIVE_SHARES, rng.random() * _total)]
        woman = rng.random() < 0.62
        given = rng.choice(origin.given_f if woman else origin.given_m)
        if origin.middle_f:
            given = f"{rng.choice(origin.middle_f if woman else origin.middle_m)} {given}"
        family = rng.choice(origin.family)
        if woman:
            family = feminine(origin, family)
        if origin.script != "latin" and rng.random() < 0.75:
            given_latin, family_latin = passport_latin(origin, given), passport_latin(origin, family)
        else:
            given_latin = family_latin = ""
        born = None if rng.random() < 0.06 else dt.date.fromordinal(rng.randint(FIRST_BIRTH, LAST_BIRTH))
        created = FIRST_CREATED + dt.timedelta(seconds=span * index / total + rng.random() * 600)
        foreign = origin.code != "pl"
        person_tokens = {("name", t) for t in name_tokens_of(f"{given} {family}")}
        if given_latin:
            person_tokens |= {("name", t) for t in name_tokens_of(f"{given_latin} {family_latin}")}
        if born:
            person_tokens.add(("birth", date_token_of(born)))
        country = "PL" if not foreign or rng.random() < 0.4 else origin.citizenship
        phone = draw_phone(rng, country)
        person_tokens.add(("phone", blind.blind_token("phone", phone)))

        persons.append(
            "\t".join(
                (
                    str(pk),
                    seal(Person, "given_name", given),
                    seal(Person, "family_name", family),
                    seal(Person, "given_name_latin", given_latin),
                    seal(Person, "family_name_latin", family_latin),
                    seal(Person, "aliases", []),
                    Gender.FEMININE if woman else Gender.MASCULINE,
                    seal(Person, "date_of_birth", born) if born else "\\N",
                    "\\N" if born else str(rng.randint(18, 50)),
                    "f",
                    json.dumps([origin.citizenship]),
                    json.dumps(list(origin.languages)),
                    origin.languages[0],
                    "t" if foreign and rng.random() < 0.6 else "f",
                    _ts(created),
                    _ts(created),
                    "1",
                    str(rng.choice(managers)),
                )
            )
        )
        channels.append(
            "\t".join(
                (
                    str(pk),
                    ChannelKind.PHONE if rng.random() < 0.9 else ChannelKind.MESSENGER,
                    seal(ContactChannel, "value", phone),
                    rng.choice(Safety.values),
                    seal(ContactChannel, "safe_hours", ""),
                    seal(ContactChannel, "code_word", ""),
                    seal(ContactChannel, "notes", ""),
                )
            )
        )
        tokens.extend(f"{pk}\t{kind}\t{token}" for kind, token in person_tokens)

        opened = created.date()
        roll, status = rng.random(), Status.OPEN
        for candidate, share in STATUSES:
            if roll < share:
                status = candidate
                break
            roll -= share
        closed_on = reason = ""
        if status in (Status.CLOSED, Status.CLOSED_REFERRED):
            closed_on = min(opened + dt.timedelta(days=rng.randint(7, 700)), dt.date(2025, 5, 30)).isoformat()
            reason = (
                ClosureReason.REFERRED if status == Status.CLOSED_REFERRED else rng.choice(CLOSURE_REASONS)
            )
        if foreign:
            phase = Phase.FOREIGNER_IN_POLAND
        else:
            phase = rng.choice((Phase.BEFORE_RETURN, Phase.AFTER_RETURN))
        kind_roll = rng.random()
        kind = (
            CaseKind.SUPPORT
            if kind_roll < 0.8
            else CaseKind.CONSULTATION
            if kind_roll < 0.95
            else CaseKind.HOTLINE
        )
        cases.append(
            "\t".join(
                (
                    f"{opened.year}/{index + 1:07d}",
                    str(pk),
                    kind,
                    phase,
                    status,
                    reason,
                    seal(Case, "closure_note", ""),
                    "[]",
                    opened.isoformat(),
                    closed_on or "\\N",
                    _ts(created),
                    _ts(created),
                    "1",
                    str(rng.choice(managers)),
                )
            )
        )
    return {
        "people_person": ("\n".join(persons) + "\n").encode(),
        "people_contactchannel": ("\n".join(channels) + "\n").encode(),
        "people_searchtoken": ("\n".join(tokens) + "\n").encode(),
        "cases_case": ("\n".join(cases) + "\n").encode(),
        "token_rows": len(tokens),
    }


COPY_COLUMNS = {
    "people_person": (
        "id, given_name, family_name, given_name_latin, family_name_latin, aliases, gender, "
        "date_of_birth, estimated_age, is_minor, citizenships, languages, preferred_language, "
        "needs_interpreter, created_at, updated_at, version, registered_by_id"
    ),
    "people_contactchannel": "person_id, kind, value, safety, safe_hours, code_word, notes",
    "people_searchtoken": "person_id, kind, token",
    "cases_case": (
        "number, person_id, kind, phase, status, closure_reason, closure_note, risk_flags, opened_on, "
        "closed_on, created_at, updated_at, version, case_manager_id"
    ),
}


# --- Loading ------------------------------------------------------------------------------------


def ensure_schema() -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print("Migrating the database …", flush=True)
        call_command("migrate", verbosity=0, interactive=False)


def ensure_managers() -> tuple[int, ...]:
    ids = []
    for n in range(1, MANAGERS + 1):
        user, created = User.objects.get_or_create(
            username=f"bench-manager-{n:02d}", defaults={"first_name": "Case", "last_name": f"Manager {n}"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        ids.append(user.pk)
    return tuple(ids)


def secondary_structures(cursor) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Foreign keys, unique constraints and plain indexes of the loaded tables (primary keys stay)."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype IN ('f', 'u')
        ORDER BY c.contype DESC, c.conname
        """,
        [list(LOADED_TABLES)],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid::regclass::text = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        [list(LOADED_TABLES)],
    )
    return constraints, cursor.fetchall()


def verify_tokens(person_ids: list[int]) -> int:
    """Persons whose stored tokens differ from what ``tokens_for`` derives from the decrypted record."""
    wrong = 0
    persons = Person.objects.filter(pk__in=person_ids).prefetch_related("channels", "documents")
    for person in persons:
        stored = set(SearchToken.objects.filter(person=person).values_list("kind", "token"))
        expected = {(str(kind), token) for kind, token in tokens_for(person)}
        if stored != expected:
            wrong += 1
    return wrong


def load(target: int, workers: int) -> float | None:
    existing = Person.objects.count()
    if existing >= target:
        print(f"The database holds {existing:,} persons (≥ {target:,}): nothing to load.", flush=True)
        return None
    managers = ensure_managers()
    first_id = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    missing = target - existing
    specs = [
        (existing + start, min(CHUNK, missing - start), first_id + start, target, managers)
        for start in range(0, missing, CHUNK)
    ]
    print(f"Loading {missing:,} persons in {len(specs)} chunks with {workers} worker(s) …", flush=True)
    connections.close_all()  # the workers are forked: they must not share the parent's connection
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool, transaction.atomic():
        raw = connection.cursor().cursor
        raw.execute("SET LOCAL maintenance_work_mem = '2GB'")
        raw.execute("SET LOCAL max_parallel_maintenance_workers = 2")
        raw.execute("SET LOCAL synchronous_commit = off")
        constraints, indexes = secondary_structures(raw)
        for table, name, _definition in constraints:
            raw.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        print(f"  dropped {len(constraints)} constraints and {len(indexes)} indexes for the load", flush=True)
        done = token_rows = 0
        for spec, chunk in zip(specs, pool.imap(build_chunk, specs), strict=True):
            for table in LOADED_TABLES:
                with raw.copy(f"COPY {table} ({COPY_COLUMNS[table]}) FROM STDIN") as copy:
                    copy.write(chunk[table])
            done += spec[1]
            token_rows += chunk["token_rows"]
            if spec is specs[0]:
                sample = random.Random(SEED).sample(range(spec[2], spec[2] + spec[1]), min(200, spec[1]))
                wrong = verify_tokens(sample)
                if wrong:
                    raise SystemExit(f"{wrong} of {len(sample)} persons have tokens unlike tokens_for()")
                print(f"  first chunk: tokens of {len(sample)} persons equal tokens_for()", flush=True)
            elapsed = time.perf_counter() - started
            print(
                f"  {existing + done:>10,} persons  {token_rows:>11,} tokens  "
                f"{elapsed:7.1f} s  ({done / elapsed:,.0f} persons/s)",
                flush=True,
            )
        copied = time.perf_counter() - started
        for name, definition in indexes:
            step = time.perf_counter()
            raw.execute(definition)
            print(f"  index {name}: {time.perf_counter() - step:.1f} s", flush=True)
        for table, name, definition in constraints:  # unique constraints first, then foreign keys
            step = time.perf_counter()
            raw.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            print(f"  constraint {name}: {time.perf_counter() - step:.1f} s", flush=True)
        raw.execute(
            "SELECT setval(pg_get_serial_sequence('people_person', 'id'), (SELECT max(id) FROM people_person))"
        )
        indexed = time.perf_counter() - started
    committed = time.perf_counter() - started
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map (index-only scans then skip the table) and ANALYZE the
        # statistics: what autovacuum does some time after a bulk insert.
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(LOADED_TABLES)}")
    total = time.perf_counter() - started
    print(
        f"Loaded {missing:,} persons: copy {copied:.0f} s, indexes and constraints {indexed - copied:.0f} s, "
        f"commit {committed - indexed:.0f} s, vacuum and analyze {total - committed:.0f} s; total {total:.0f} s",
        flush=True,
    )
    return total


# --- Measuring ----------------------------------------------------------------------------------


def name_query(person: Person) -> str:
    """The person's full name as another colleague would type it: other spelling, family name first."""
    origin = ORIGIN_BY_CODE.get(
        {"UA": "uk", "BY": "ru", "PL": "pl", "RO": "ro", "VN": "vi", "GE": "ka", "GB": "en"}.get(
            (person.citizenships or [""])[0], "pl"
        )
    )
    family = polish_latin(origin, person.family_name)
    given = polish_latin(origin, person.given_name)
    return f"{family} {given}" if origin.code != "en" else f"{family} {given}".lower()


def phone_query(e164: str, n: int) -> str:
    """The number as it is often written down: with spaces, a 00 prefix or without a prefix."""
    number = phonenumbers.parse(e164)
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    variants = (
        "00" + international[1:],  # 00 48 601 234 567
        international.replace(" ", "-", 2),  # +48-601-234 567
        "00" + e164[1:],  # 0048601234567 (one word: also read as a document number)
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        if number.country_code == 48
        else international,  # 601 234 567 for Polish numbers
    )
    return variants[n % len(variants)]


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def explain(label: str, call) -> list[str]:
    """Runs ``call``, then EXPLAIN (ANALYZE, BUFFERS) on every SQL statement it executed."""
    with CaptureQueriesContext(connection) as captured:
        call()
    findings = []
    for n, query in enumerate(captured.captured_queries, 1):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\n--- {label}, statement {n} ---\n{query['sql']}\n\n{plan}", flush=True)
        for table in ("people_searchtoken", "people_person"):
            if f"Seq Scan on {table}" in plan:
                findings.append(f"{label}, statement {n}: Seq Scan on {table}")
    return findings


def measure(samples: int) -> dict:
    rng = random.Random(SEED + 1)
    low, high = (
        Person.objects.order_by("pk").values_list("pk", flat=True)[:1][0],
        Person.objects.order_by("-pk").values_list("pk", flat=True)[:1][0],
    )
    found: dict[int, Person] = {}
    while len(found) < min(samples, Person.objects.active().count()):
        ids = set(rng.sample(range(low, high + 1), samples - len(found))) - found.keys()
        found.update(
            (p.pk, p) for p in Person.objects.active().filter(pk__in=ids).prefetch_related("channels")
        )
    chosen = list(found.values())
    wrong = verify_tokens([p.pk for p in chosen])
    print(
        f"Token check: {len(chosen) - wrong} of {len(chosen)} sampled persons match tokens_for()", flush=True
    )

    cases = []
    for n, person in enumerate(chosen):
        phones = [
            c.value for c in person.channels.all() if c.kind in (ChannelKind.PHONE, ChannelKind.MESSENGER)
        ]
        cases.append((person, name_query(person), phone_query(phones[0], n) if phones else None))

    for _person, name, phone in cases[:20]:  # warm-up, not counted
        list(find_persons(name)[:50])
        if phone:
            list(find_persons(phone))

    rows: dict[str, dict] = {}

    def record(label: str, times: list[float], hits: list[int], found: list[bool]) -> None:
        median, p95, worst = summary(times)
        rows[label] = {
            "n": len(times),
            "median": median,
            "p95": p95,
            "max": worst,
            "hits_median": statistics.median(hits),
            "hits_max": max(hits),
            "found": sum(found),
        }

    times, hits, found = [], [], []
    for person, name, _phone in cases:
        ms, result = timed(lambda name=name: list(find_persons(name)[:50]))
        times.append(ms)
        hits.append(len(result))
        found.append(find_persons(name).filter(pk=person.pk).exists())
    record("find_persons(name)[:50]", times, hits, found)

    times, hits, found = [], [], []
    for person, _name, phone in cases:
        if phone:
            ms, result = timed(lambda phone=phone: list(find_persons(phone)))
            times.append(ms)
            hits.append(len(result))
            found.append(any(p.pk == person.pk for p in result))
    record("find_persons(phone)", times, hits, found)

    times, hits, found = [], [], []
    for person, name, _phone in cases:
        ms, result = timed(lambda name=name: possible_duplicates(names=[name]))
        times.append(ms)
        hits.append(len(result))
        found.append(any(c.person_id == person.pk for c in result))
    record("possible_duplicates(names)", times, hits, found)

    times, hits, found = [], [], []
    for person, name, phone in cases:
        call = lambda person=person, name=name, phone=phone: possible_duplicates(  # noqa: E731
            names=[name], date_of_birth=person.date_of_birth, phones=[phone] if phone else []
        )
        ms, result = timed(call)
        times.append(ms)
        hits.append(len(result))
        found.append(any(c.person_id == person.pk and len(c.reasons) > 1 for c in result))
    record("possible_duplicates(names, birth, phone)", times, hits, found)

    person, name, phone = cases[0]
    findings = explain(f"find_persons({name!r})[:50]", lambda: list(find_persons(name)[:50]))
    findings += explain(f"find_persons({phone!r})", lambda: list(find_persons(phone)))
    findings += explain(f"possible_duplicates(names=[{name!r}])", lambda: possible_duplicates(names=[name]))
    return {"rows": rows, "findings": findings, "examples": [(n, p) for _, n, p in cases[:5]]}


def report(persons: int, load_seconds: float | None, results: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_searchtoken")
        tokens = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database())), version()")
        size, version = cursor.fetchone()
    print("\nExample queries:", *(f"  {n!r}  /  {p!r}" for n, p in results["examples"]), sep="\n")
    print(
        f"\n## Results\n\nDate: {dt.date.today().isoformat()}; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; {version.split(' on ')[0]}\n"
        f"Persons: {persons:,}; search tokens: {tokens:,}; database size: {size}; "
        f"load: {'skipped (already loaded)' if load_seconds is None else f'{load_seconds:.0f} s'}\n"
    )
    print("| call | n | median ms | p95 ms | max ms | hits median | hits max | sought person found |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, row in results["rows"].items():
        print(
            f"| `{label}` | {row['n']} | {row['median']:.1f} | {row['p95']:.1f} | {row['max']:.1f} | "
            f"{row['hits_median']:g} | {row['hits_max']} | {row['found']}/{row['n']} |"
        )
    print("\nPlans:", "; ".join(results["findings"]) or "no Seq Scan on people_searchtoken or people_person")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_schema()
    load_seconds = load(args.persons, args.workers)
    persons = Person.objects.count()
    results = measure(args.samples)
    report(persons, load_seconds, results)


if __name__ == "__main__":
    main()
