#!/usr/bin/env python3
"""Set up and run Ostoja from a fresh checkout with nothing but Python 3.11.

    python3 dev.py demo      create .venv, install the locked dependencies, start the demo
    python3 dev.py test      the same environment, then the whole test suite (pytest arguments follow)

The environment is made once and refreshed only when requirements.lock or pyproject.toml change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".ostoja-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if not (BIN / "python").exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    print("Installing the locked dependencies …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-r", str(ROOT / "requirements.lock")], check=True)  # noqa: S603
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)  # noqa: S603
    STAMP.write_text(_fingerprint())


def main() -> None:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("help", [])
    if command not in ("demo", "test"):
        sys.exit(__doc__)
    ensure_environment()
    os.chdir(ROOT)
    if command == "demo":
        env = {**os.environ, "OSTOJA_MODE": "demo"}
        args = [str(BIN / "ostoja"), "demo", *rest]
    else:
        env = dict(os.environ)
        args = [str(BIN / "python"), "-m", "pytest", *rest]
    try:
        sys.exit(subprocess.call(args, env=env))  # noqa: S603
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
