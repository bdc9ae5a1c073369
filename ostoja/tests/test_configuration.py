"""Settings from the environment, the ``ostoja`` command, and demo-only secrets."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from ostoja import conf


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OSTOJA_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "ostoja.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secrets():
    result = run_cli("check", OSTOJA_MODE="production")
    assert result.returncode == 2
    assert "missing OSTOJA_SECRET_KEY, OSTOJA_ENCRYPTION_KEYS, OSTOJA_BLIND_INDEX_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_needs_a_database_url():
    key = conf.new_key()
    result = run_cli(
        "check", OSTOJA_MODE="production", OSTOJA_SECRET_KEY="x" * 60,
        OSTOJA_ENCRYPTION_KEYS=f"k1:{key}", OSTOJA_BLIND_INDEX_KEY=conf.new_key(),
    )  # fmt: skip
    assert result.returncode == 2 and "DATABASE_URL" in result.stderr


def test_the_blind_index_key_must_differ_from_the_encryption_keys():
    key = conf.new_key()
    result = run_cli(
        "check", OSTOJA_MODE="production", OSTOJA_SECRET_KEY="x" * 60, DATABASE_URL="sqlite:///:memory:",
        OSTOJA_ENCRYPTION_KEYS=f"k1:{key}", OSTOJA_BLIND_INDEX_KEY=key,
    )  # fmt: skip
    assert result.returncode == 2 and "must differ" in result.stderr


def test_debug_is_off_unless_asked_for():
    from django.conf import settings

    assert settings.DEBUG is False


@pytest.mark.parametrize("raw", ["nocolon", "k1:not-base64!", "k1:" + "QUJD", "k 1:" + conf.new_key()])
def test_bad_encryption_key_settings_are_explained(raw):
    with pytest.raises(ImproperlyConfigured):
        conf.parse_encryption_keys(raw)


def test_several_keys_keep_their_order():
    first, second = conf.new_key(), conf.new_key()
    keys = conf.parse_encryption_keys(f"k2:{first},k1:{second}")
    assert list(keys) == ["k2", "k1"]


@pytest.mark.django_db
def test_demo_secrets_are_printed_only_in_demo_mode(settings):
    settings.TESTING = False
    settings.DEMO = False
    with pytest.raises(CommandError, match="only in demo mode"):
        call_command("demo_accounts")
    with pytest.raises(CommandError, match="only in demo mode"):
        call_command("load_demo")


def test_demo_key_file_is_private(tmp_path):
    keys = conf.load_or_create_key_file(tmp_path / "keys.json")
    assert (tmp_path / "keys.json").stat().st_mode & 0o777 == 0o600
    assert conf.load_or_create_key_file(tmp_path / "keys.json") == keys


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OSTOJA_") and k != "DATABASE_URL"}
    manage = os.path.join(os.path.dirname(__file__), "..", "..", "manage.py")
    return subprocess.run(
        [sys.executable, manage, *args], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_manage_py_assumes_demo_only_when_nothing_is_configured(tmp_path):
    # A bare checkout: demo mode, so developer commands work without any setup.
    assert run_manage("check", HOME=str(tmp_path)).returncode == 0
    # Anything configured (here a production database) means production rules: secrets required.
    configured = run_manage("check", DATABASE_URL="postgres://ostoja@/ostoja")
    assert configured.returncode != 0 and "Ostoja cannot start" in configured.stderr
