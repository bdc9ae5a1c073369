"""Crash drill: what a crash does to writes in flight (docs/OPERATIONS.md, "Crash safety").

Run from the repository with the project's virtualenv, as root (it makes a PostgreSQL cluster of its
own, run by the ``postgres`` user) or as a user who may run ``initdb``::

    .venv/bin/python bench/crash_drill.py [--writers 6] [--seconds 30] [--json results.json]

What it does, on a throw-away PostgreSQL cluster in a temporary directory (never the server other
databases live on, which an immediate shutdown would take down with it):

1. migrates a new database, makes a case manager who is also a duty worker and a supervisor, one
   person and case per writer, a signed-in session, and queues funder's reports for the worker;
2. runs Ostoja under gunicorn (``ostoja serve``, 3 workers) and the task worker (``ostoja worker``);
3. starts the writers: each posts, through the real pages (CSRF and one-time tokens included), case
   notes, hotline contacts and support plans with two goals, in turn, each text unique; a write is
   *acknowledged* when the server answers with the redirect that follows a save;
4. meanwhile kills a gunicorn worker with SIGKILL, kills the task worker with SIGKILL while a task
   is running, opens a transaction of its own that inserts a row and, with that transaction and the
   writers' requests in flight, stops PostgreSQL with ``pg_ctl stop -m immediate`` (no checkpoint:
   a power cut), starts it again (crash recovery) and starts a new task worker;
5. stops and checks, in Django: every acknowledged note, contact and plan is there and opens to
   exactly the text sent (no committed row lost); every row of those tables decrypts and every
   plan written holds exactly the two goals of one save (no partial record); the uncommitted row of
   step 4 is gone; every acknowledged contact has its audit row and ``audit verify`` passes; every
   queued task finished and every report was built (background tasks resumed).

Exit status 0 when every check holds; the numbers are printed (and written with ``--json``).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
REPORTS = 4


# --- helpers run inside Django (``crash_drill.py setup`` / ``check``) ------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup(writers: int) -> dict:
    _django()
    from django.test import Client

    from ostoja.accounts.roles import Role
    from ostoja.cases import services as case_services
    from ostoja.cases.codes import Phase
    from ostoja.cases.models import Case
    from ostoja.people import services as people_services
    from ostoja.people.models import Person
    from ostoja.statistics import tasks
    from ostoja.statistics.models import FunderReport
    from ostoja.testing.access import login_verified
    from ostoja.testing.fixtures import new_staff

    staff = new_staff("drill", Role.CASE_MANAGER, Role.DUTY_WORKER, Role.SUPERVISOR,
                      first_name="Drill", last_name="Writer")  # fmt: skip
    cases = []
    for n in range(writers):
        person = people_services.person_register(
            person=Person(given_name=f"Drill{n}", family_name="Person", registered_by=staff), channels=[]
        )
        case = case_services.case_open(
            case=Case(person=person, case_manager=staff, phase=Phase.FOREIGNER_IN_POLAND)
        )
        cases.append(case.pk)
    reports = []
    for year in range(2020, 2020 + REPORTS):
        report = FunderReport.objects.create(year=year, requested_by=staff)
        tasks.build_report.enqueue(report.pk)
        reports.append(report.pk)
    client = login_verified(Client(), staff)
    from django.conf import settings

    return {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "cases": cases, "reports": reports}


def check(log_path: Path) -> dict:
    _django()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from ostoja.audit import chain
    from ostoja.audit.models import AuditObject
    from ostoja.cases.models import Note
    from ostoja.hotline.models import Contact
    from ostoja.plans.models import Goal, SupportPlan
    from ostoja.statistics.models import FunderReport

    attempts = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    acked = [a for a in attempts if a["acked"]]
    problems: list[str] = []

    notes = {
        n.text: n for n in Note.objects.filter(case_id__in={a["case"] for a in attempts})
    }  # opens every one
    contacts = {c.summary: c for c in Contact.objects.filter(summary__isnull=False).order_by("pk")}
    plans = {p.pk: p for p in SupportPlan.objects.filter(case_id__in={a["case"] for a in attempts})}
    goals: dict[int, list[str]] = {}
    for goal in Goal.objects.filter(plan_id__in=plans).order_by("plan_id", "position"):
        goals.setdefault(goal.plan_id, []).append(goal.goal)

    lost = []
    for a in acked:
        if (a["kind"] == "note" and a["text"] not in notes) or (
            a["kind"] == "contact" and a["text"] not in contacts
        ):
            lost.append(a)
    # Plans: the goals stored are those of the last acknowledged save or of a later one (a save can
    # commit and lose its answer when its worker is killed), never older, never a mixture.
    for plan_id in {a["plan"] for a in attempts if a["kind"] == "plan" and a.get("plan")}:
        tried = [a for a in attempts if a["kind"] == "plan" and a.get("plan") == plan_id and a.get("goals")]
        last_ack = max((a["seq"] for a in tried if a["acked"]), default=-1)
        stored = goals.get(plan_id, [])
        if not stored:
            if last_ack >= 0:
                lost.append({"kind": "plan", "plan": plan_id})
            continue
        match = [a for a in tried if a["goals"] == stored]
        if not match:
            problems.append(f"plan {plan_id}: goals {stored} are not those of any one save (partial)")
        elif max(a["seq"] for a in match) < last_ack:
            lost.append({"kind": "plan", "plan": plan_id, "stored": stored})
    if lost:
        problems.append(f"{len(lost)} acknowledged writes lost: {lost[:5]}")

    committed_unacked = sum(
        1
        for a in attempts
        if not a["acked"]
        and a["kind"] in ("note", "contact")
        and (a["text"] in notes or a["text"] in contacts)
    )
    for contact_id in (a["id"] for a in acked if a["kind"] == "contact" and a.get("id")):
        if not AuditObject.objects.filter(
            object_type="contact", object_id=contact_id, event__action="create"
        ).exists():
            problems.append(f"contact {contact_id} has no audit row of its creation")

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM drill_probe")
        probe = cursor.fetchone()[0]
    if probe:
        problems.append(f"the transaction open at the immediate shutdown left {probe} row(s)")

    chain.seal()
    report = chain.verify()
    if not report.intact:
        problems.append(f"audit chain broken at event {report.broken_event_id} ({report.problem})")

    tasks = list(DBTaskResult.objects.values_list("status", flat=True))
    unfinished = [s for s in tasks if s != "SUCCESSFUL"]
    if unfinished:
        problems.append(f"{len(unfinished)} background tasks not finished: {sorted(set(unfinished))}")
    reports = list(FunderReport.objects.values_list("status", flat=True))
    if any(s != "done" for s in reports):
        problems.append(f"funder's reports not built: {reports}")

    return {
        "attempts": len(attempts),
        "acknowledged": {k: sum(1 for a in acked if a["kind"] == k) for k in ("note", "contact", "plan")},
        "failed_or_unanswered": len(attempts) - len(acked),
        "committed_but_unanswered": committed_unacked,
        "lost": len(lost),
        "notes_stored": len(notes),
        "contacts_stored": len(contacts),
        "plans_stored": len(plans),
        "audit_events_verified": report.checked + report.unsealed,
        "tasks": len(tasks),
        "tasks_finished": len(tasks) - len(unfinished),
        "uncommitted_probe_rows": probe,
        "problems": problems,
    }


# --- the orchestra (no Django here: it only drives processes and HTTP) -----------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else (shutil.which(name) or name)


class Cluster:
    """A PostgreSQL cluster of the drill's own, in a temporary directory."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.data = base / "pgdata"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", "postgres", "--", *args] if self.as_postgres else list(args)
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    def init(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.base, "postgres")
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            _pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.base / "pg.log"),
            "-w",
            "start",
        )

    def stop_immediate(self) -> None:
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class Writer(threading.Thread):
    """Posts notes, contacts and plans for one case through the pages, logging each attempt."""

    def __init__(self, n: int, port: int, session: str, case: int, stop: threading.Event, log, lock) -> None:
        super().__init__(daemon=True)
        self.n, self.port, self.case, self.stop, self.log, self.lock = n, port, case, stop, log, lock
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.seq = 0
        self.plan: int | None = None
        self.errors: list[str] = []
        self.failures = 0

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            body = urllib.parse.urlencode(data or {}, doseq=True)
            headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
            if method == "POST":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body if method == "POST" else None, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, response.getheader("Location") or "", text
        finally:
            connection.close()

    def form(self, path: str, has: str):
        from ostoja.testing.forms import page_forms

        status, _, html = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        for form in page_forms(html):
            if any(c.name == has for c in form.controls):
                return form
        raise RuntimeError(f"no form with {has} on {path}")

    def record(self, entry: dict) -> None:
        entry.update(writer=self.n, case=self.case, seq=self.seq, at=time.time())
        with self.lock:
            self.log.write(json.dumps(entry) + "\n")
            self.log.flush()

    def note(self) -> None:
        text = f"drill note w{self.n} #{self.seq} {secrets.token_hex(4)}"
        form = self.form(f"/cases/{self.case}/", "text")
        data = form.submission()
        data["text"] = [text]
        entry = {"kind": "note", "text": text, "acked": False}
        try:
            status, location, _ = self.request(
                "POST", form.attrs.get("action") or f"/cases/{self.case}/notes/", data
            )
            entry["acked"] = status == 302 and location.rstrip("/").endswith(f"/cases/{self.case}")
            entry["status"] = status
        finally:
            self.record(entry)

    def contact(self) -> None:
        text = f"drill contact w{self.n} #{self.seq} {secrets.token_hex(4)}"
        form = self.form("/hotline/contacts/new/", "summary")
        data = form.submission()
        data["summary"] = [text]
        for control in form.controls:
            if control.tag == "select" and control.name in data and data[control.name] == [""]:
                values = [o["value"] for o in control.options if o["value"]]
                if values:
                    data[control.name] = [values[0]]
        entry = {"kind": "contact", "text": text, "acked": False}
        try:
            status, location, body = self.request("POST", "/hotline/contacts/new/", data)
            entry["status"] = status
            if status == 302 and "/hotline/contacts/" in location:
                entry["acked"] = True
                entry["id"] = (
                    int(location.rstrip("/").rsplit("/", 1)[1])
                    if location.rstrip("/").rsplit("/", 1)[1].isdigit()
                    else None
                )
            elif status == 400 and len(self.errors) < 3:
                self.errors.append(body[body.find('role="alert"') :][:600])
        finally:
            self.record(entry)

    def plan_save(self) -> None:
        if self.plan is None:
            start = self.form(f"/cases/{self.case}/", "csrfmiddlewaretoken")
            status, location, _ = self.request("POST", f"/plans/cases/{self.case}/start/",
                                               {"csrfmiddlewaretoken": [self.csrf]})  # fmt: skip
            del start
            if status != 302 or "/edit/" not in location:
                raise RuntimeError(f"plan start: {status}")
            self.plan = int(location.rstrip("/").split("/")[-2])
        form = self.form(f"/plans/{self.plan}/edit/", "goal-0-goal")
        data = form.submission()
        texts = [f"drill goal {k} w{self.n} #{self.seq} {secrets.token_hex(3)}" for k in (1, 2)]
        for k, text in enumerate(texts):
            data[f"goal-{k}-goal"] = [text]
            for control in form.controls:
                if (
                    control.tag == "select"
                    and control.name.startswith(f"goal-{k}-")
                    and data.get(control.name) in (None, [""])
                ):
                    values = [o["value"] for o in control.options if o["value"]]
                    if values and control.name.endswith("domain"):
                        data[control.name] = [values[0]]
        entry = {"kind": "plan", "plan": self.plan, "goals": texts, "acked": False}
        try:
            status, location, body = self.request("POST", f"/plans/{self.plan}/edit/", data)
            entry["status"] = status
            entry["acked"] = status == 302 and location.rstrip("/").endswith(f"/plans/{self.plan}")
            if status == 400 and len(self.errors) < 3:
                self.errors.append(body[body.find('role="alert"') :][:600])
        finally:
            self.record(entry)

    def run(self) -> None:
        kinds = [self.note, self.contact, self.plan_save]
        while not self.stop.is_set():
            self.seq += 1
            try:
                kinds[self.seq % 3]()
            except (OSError, http.client.HTTPException, RuntimeError, ValueError) as error:
                # No answer (killed worker, database down): not acknowledged; go on.
                self.failures += 1
                if len(self.errors) < 6:
                    self.errors.append(f"{type(error).__name__}: {error}")
                time.sleep(0.2)


def _psql(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        return (
            list(connection.execute(sql).fetchall())
            if sql.lstrip().upper().startswith("SELECT")
            else (connection.execute(sql), [])[1]
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", nargs="?", default="drill", choices=["drill", "setup", "check"])
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--json", default="")
    parser.add_argument("--log", default="")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    options = parser.parse_args()
    if options.step == "setup":
        print(json.dumps(setup(options.writers)))
        return 0
    if options.step == "check":
        print(json.dumps(check(Path(options.log))))
        return 0
    return drill(options)


def drill(options: argparse.Namespace) -> int:
    base = Path(tempfile.mkdtemp(prefix="ostoja-crash-drill-"))
    os.chmod(base, 0o755)  # noqa: S103 (the cluster's user must reach its directory below)
    cluster = Cluster(base / "pg")
    processes: list[subprocess.Popen] = []
    timeline: list[str] = []
    t0 = time.monotonic()

    def say(text: str) -> None:
        line = f"{time.monotonic() - t0:6.1f}s  {text}"
        timeline.append(line)
        print(line, flush=True)

    try:
        cluster.init()
        cluster.start()
        say(f"PostgreSQL cluster of the drill on port {cluster.port}")
        _psql(cluster.url("postgres"), "CREATE DATABASE ostoja")
        url = cluster.url("ostoja")
        web_port = _free_port()
        env = {
            **os.environ, "OSTOJA_MODE": "demo", "OSTOJA_VAR_DIR": str(base / "var"), "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "ostoja.settings", "OSTOJA_LOG_LEVEL": "WARNING",
            "OSTOJA_BIND": f"127.0.0.1:{web_port}", "OSTOJA_WORKERS": "3",
            "OSTOJA_WORKER_HEARTBEAT_SECONDS": "1", "OSTOJA_WORKER_LOST_SECONDS": "4",
            "OSTOJA_TASK_RETRY_SECONDS": "0", "OSTOJA_SEARCH_LIMIT": "100000",
        }  # fmt: skip
        subprocess.run([PY, "-m", "ostoja.cli", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        _psql(url, "CREATE TABLE drill_probe (id integer)")
        made = subprocess.run(  # noqa: S603
            [PY, str(Path(__file__).resolve()), "setup", "--writers", str(options.writers)],
            cwd=ROOT, env=env, check=False, capture_output=True, text=True,
        )  # fmt: skip
        if made.returncode:
            raise SystemExit(f"setup failed:\n{made.stderr[-3000:]}")
        world = json.loads(made.stdout.strip().splitlines()[-1])
        say(f"migrated; {options.writers} cases, {REPORTS} funder's reports queued")

        logs = base / "logs"
        logs.mkdir()

        def start(name: str, *args: str) -> subprocess.Popen:
            process = subprocess.Popen(  # noqa: S603
                [PY, "-m", "ostoja.cli", *args], cwd=ROOT, env=env,
                stdout=(logs / f"{name}.log").open("ab"), stderr=subprocess.STDOUT,
            )  # fmt: skip
            processes.append(process)
            return process

        server = start("gunicorn", "serve")
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", web_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        say(f"gunicorn up on port {web_port} (pid {server.pid})")

        attempt_log = base / "attempts.jsonl"
        stop, lock = threading.Event(), threading.Lock()
        with attempt_log.open("a") as log:
            writers = [
                Writer(n, web_port, world["session"], case, stop, log, lock)
                for n, case in enumerate(world["cases"])
            ]
            for writer in writers:
                writer.start()
            say(f"{len(writers)} writers posting notes, contacts and plans")
            time.sleep(options.seconds * 0.15)

            worker = start("worker1", "worker", "--interval", "0.2", "--no-startup-delay")
            for _ in range(600):
                running = _psql(
                    url, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
                )[0][0]
                if running:
                    break
                time.sleep(0.05)
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            say(f"task worker killed with SIGKILL while {running} task(s) ran")

            listed = subprocess.run(  # noqa: S603
                [shutil.which("pgrep") or "pgrep", "-P", str(server.pid)], capture_output=True, text=True
            )
            children = [int(p) for p in listed.stdout.split()]
            victim = random.choice(children)
            os.kill(victim, signal.SIGKILL)
            say(f"gunicorn worker {victim} killed with SIGKILL mid-writes ({len(children)} workers)")
            time.sleep(options.seconds * 0.25)

            import psycopg

            probe = psycopg.connect(url)
            probe.execute("INSERT INTO drill_probe VALUES (1)")  # left open: a transaction in flight
            say("PostgreSQL: immediate shutdown with a transaction open and writes in flight")
            cluster.stop_immediate()
            with contextlib.suppress(Exception):  # its server is gone
                probe.close()
            time.sleep(2)
            cluster.start()
            say("PostgreSQL started again (crash recovery)")
            start("worker2", "worker", "--interval", "0.2", "--no-startup-delay")
            say("a new task worker started")
            time.sleep(options.seconds * 0.6)
            stop.set()
            for writer in writers:
                writer.join(timeout=30)
        say("writers stopped")

        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            left = _psql(
                url, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status <> 'SUCCESSFUL'"
            )[0][0]
            if not left:
                break
            time.sleep(1)
        say("background tasks: " + ("all finished" if not left else f"{left} not finished after 180 s"))
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        checked = subprocess.run(  # noqa: S603
            [PY, str(Path(__file__).resolve()), "check", "--log", str(attempt_log)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if checked.returncode != 0:
            print(checked.stdout, checked.stderr)
            return 2
        result = json.loads(checked.stdout.strip().splitlines()[-1])
        result["timeline"] = timeline
        result["pages_failed_while_down"] = sum(w.failures for w in writers)
        result["writer_errors"] = sorted({e for w in writers for e in w.errors})[:10]
        print(json.dumps(result, indent=2))
        if options.json:
            Path(options.json).write_text(json.dumps(result, indent=2))
        return 1 if result["problems"] else 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        cluster.stop()
        if not options.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept {base}")


if __name__ == "__main__":
    sys.exit(main())
