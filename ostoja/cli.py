"""The ``ostoja`` command: the demo, the server, the background worker and every management command.

ostoja demo              migrate, load demo data, print demo accounts, serve on 127.0.0.1:8000
ostoja serve             production server (gunicorn); options after ``--`` go to gunicorn
ostoja worker            background worker for tasks (e-mail, escalations)
ostoja backup FILE       an encrypted backup of the database, uploaded files and plain settings
ostoja restore FILE      a backup back into a new, empty installation, then checked
ostoja <command> ...     any management command; dashes may stand for underscores
                         (``ostoja rotate-keys``, ``ostoja audit verify``)
"""

from __future__ import annotations

import os
import subprocess
import sys

DEMO_ONLY = ("demo_code", "demo_accounts")
DEPLOYMENT_SETTINGS = (
    "OSTOJA_MODE", "DATABASE_URL", "OSTOJA_KEY_FILE", "OSTOJA_SECRET_KEY", "OSTOJA_ENCRYPTION_KEYS",
    "OSTOJA_BLIND_INDEX_KEY",
)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    from django.core.exceptions import ImproperlyConfigured

    try:
        _main(argv)
    except ImproperlyConfigured as error:
        # A configuration mistake is the operator's to fix: say what it is, without a traceback.
        sys.stderr.write(f"ostoja: {error}\n")
        sys.exit(2)


def _main(argv: list[str] | None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ostoja.settings")
    command = argv[0] if argv else "help"
    if command == "demo":
        os.environ.setdefault("OSTOJA_MODE", "demo")
        _demo(argv[1:])
    elif command.replace("-", "_") in DEMO_ONLY:
        # The demo's own commands read the demo's database and keys, as ``ostoja demo`` does, when
        # nothing points at a deployment; with a mode, a database or keys configured they keep to
        # those and refuse to run outside demo mode.
        if not any(name in os.environ for name in DEPLOYMENT_SETTINGS):
            os.environ["OSTOJA_MODE"] = "demo"
        _manage([command.replace("-", "_"), *argv[1:]])
    elif command == "serve":
        _serve(argv[1:])
    elif command == "worker":
        _manage(["task_worker", *argv[1:]])
    elif command in ("help", "-h", "--help"):
        print(__doc__)
        _manage(["help"])
    else:
        _manage([command.replace("-", "_"), *argv[1:]])


def _manage(args: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ostoja", *args])


def _serve(extra: list[str]) -> None:
    bind = os.environ.get("OSTOJA_BIND", "127.0.0.1:8000")
    workers = os.environ.get("OSTOJA_WORKERS", "3")
    args = [
        sys.executable, "-m", "gunicorn", "ostoja.wsgi:application",
        "--bind", bind, "--workers", workers, "--timeout", "60",
        "--access-logfile", "-", "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(D)sus',
        *[a for a in extra if a != "--"],
    ]  # fmt: skip
    # The access log records paths without query strings: search terms never reach a log.
    os.execv(sys.executable, args)  # noqa: S606


def _demo(extra: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo")
    call_command("demo_accounts")
    if "--no-serve" in extra:
        return
    address = os.environ.get("OSTOJA_DEMO_ADDRESS", "127.0.0.1:8000")
    worker = subprocess.Popen([sys.executable, "-m", "ostoja.cli", "worker"])
    try:
        call_command("runserver", address, use_reloader=False, use_threading=True)
    finally:
        worker.terminate()


if __name__ == "__main__":
    main()
