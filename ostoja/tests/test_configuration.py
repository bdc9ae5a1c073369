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


@pytest.mark.parametrize("raw", ["nocolon", "k1:not-base64!", "k1:" + "QUJD", "k 1:{key}"])
def test_bad_encryption_key_settings_are_explained(raw):
    # The key is made inside the test: parameters must be the same in every xdist worker.
    with pytest.raises(ImproperlyConfigured):
        conf.parse_encryption_keys(raw.format(key=conf.new_key()))


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


def relying_party(**given):
    values = {
        "rp_id": "",
        "origins": [],
        "site_url": "",
        "allowed_hosts": [],
        "local_origins": ["http://localhost:8000"],
        "production": True,
    }
    return conf.webauthn_relying_party(**{**values, **given})


def test_passkeys_are_bound_to_the_site_address():
    assert relying_party(site_url="https://ostoja.example.org", allowed_hosts=["10.0.0.5"]) == (
        "ostoja.example.org",
        ["https://ostoja.example.org"],
    )


def test_passkeys_take_the_first_domain_among_the_allowed_hosts():
    # Browsers refuse passkeys on IP addresses, so those are skipped.
    assert relying_party(allowed_hosts=["10.0.0.5", "Ostoja.Example.org", "backup.example.net"]) == (
        "ostoja.example.org",
        ["https://ostoja.example.org"],
    )


def test_a_parent_domain_may_serve_several_staff_addresses():
    rp_id, origins = relying_party(
        rp_id="example.org", allowed_hosts=["ostoja.example.org", "zapas.example.org", "other.net"]
    )
    assert rp_id == "example.org"
    assert origins == ["https://ostoja.example.org", "https://zapas.example.org"]


def test_the_demo_uses_localhost():
    assert relying_party(allowed_hosts=["127.0.0.1", "localhost"], production=False) == (
        "localhost",
        ["http://localhost:8000"],
    )


@pytest.mark.parametrize(
    "given",
    [
        {"allowed_hosts": ["10.0.0.5"]},  # only an IP address: no domain to bind passkeys to
        {"rp_id": "192.168.1.10"},
        {"rp_id": "ostoja.example.org", "origins": ["http://ostoja.example.org"]},  # not HTTPS
        {"rp_id": "ostoja.example.org", "origins": ["https://evil.example.com"]},  # another domain
        {"rp_id": "ostoja.example.org", "origins": ["https://ostoja.example.org/staff"]},  # a path
        {"rp_id": "example.org", "allowed_hosts": ["other.net"]},  # no address under the id
    ],
)
def test_bad_passkey_settings_stop_the_start_up(given):
    with pytest.raises(ImproperlyConfigured):
        relying_party(**given)


def test_demo_code_works_as_the_readme_says_without_a_mode(tmp_path):
    # ``python3 dev.py demo`` sets the mode for its own process only; the README's next step is a bare
    # ``ostoja demo-code <username>`` in another shell, which must find the demo's database and keys.
    var = str(tmp_path)
    assert run_cli("migrate", OSTOJA_MODE="demo", OSTOJA_VAR_DIR=var).returncode == 0
    staff = "from ostoja.demo.staff import ensure_demo_staff; ensure_demo_staff()"
    assert run_cli("shell", "-c", staff, OSTOJA_MODE="demo", OSTOJA_VAR_DIR=var).returncode == 0
    listed = run_cli("demo-accounts", OSTOJA_VAR_DIR=var)
    assert listed.returncode == 0 and "dyzurna" in listed.stdout, listed.stderr
    code = run_cli("demo-code", "dyzurna", OSTOJA_VAR_DIR=var)
    assert code.returncode == 0, code.stderr
    assert code.stdout.strip().isdigit() and len(code.stdout.strip()) == 6
    # Anything pointing at a deployment keeps its rules: no demo secrets outside demo mode.
    refused = run_cli("demo-code", "dyzurna", OSTOJA_VAR_DIR=var, OSTOJA_MODE="production")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
