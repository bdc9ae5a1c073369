"""The value cipher: format, key ring, and loud failure on anything that does not open."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from ostoja.vault import crypto
from ostoja.vault.crypto import DecryptionError, current_key_id, decrypt, encrypt, key_id_of, reencrypt
from ostoja.vault.tests.conftest import KEY_A, KEY_B

AAD = b"people.person.given_name"


@pytest.fixture
def ring_a(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    return settings


def _payload(token: str) -> bytes:
    return base64.urlsafe_b64decode(token.split(":", 2)[2])


def test_round_trip_and_format(ring_a):
    token = encrypt("Олена Коваленко".encode(), aad=AAD)
    assert token.startswith("v2:ka:")
    assert key_id_of(token) == "ka"
    assert decrypt(token, aad=AAD) == "Олена Коваленко".encode()
    # A 96-bit nonce, then the ciphertext, then the 128-bit tag.
    assert len(_payload(token)) == 12 + len("Олена Коваленко".encode()) + 16


def test_empty_plaintext_round_trips(ring_a):
    token = encrypt(b"", aad=AAD)
    assert token.startswith("v2:ka:")
    assert decrypt(token, aad=AAD) == b""


def test_fresh_nonce_every_time(ring_a):
    tokens = {encrypt(b"Anna", aad=AAD) for _ in range(50)}
    assert len(tokens) == 50
    assert len({_payload(t)[:12] for t in tokens}) == 50


def test_first_key_encrypts_and_every_key_decrypts(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    old = encrypt(b"secret", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B, "ka": KEY_A}
    assert current_key_id() == "kb"
    new = encrypt(b"secret", aad=AAD)
    assert key_id_of(new) == "kb"
    assert decrypt(old, aad=AAD) == decrypt(new, aad=AAD) == b"secret"
    again = reencrypt(old, aad=AAD)
    assert key_id_of(again) == "kb"
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    assert decrypt(again, aad=AAD) == b"secret"


def test_unknown_key_id_raises(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    token = encrypt(b"secret", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    with pytest.raises(DecryptionError, match="'ka'"):
        decrypt(token, aad=AAD)


def test_wrong_key_under_the_same_id_raises(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    token = encrypt(b"secret", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_B}
    with pytest.raises(DecryptionError):
        decrypt(token, aad=AAD)


def test_other_column_raises(ring_a):
    token = encrypt(b"secret", aad=AAD)
    with pytest.raises(DecryptionError):
        decrypt(token, aad=b"people.person.family_name")


@pytest.mark.parametrize("position", [0, 5, 12, 20, -3])
def test_tampered_payload_raises(ring_a, position):
    token = encrypt(b"a value of some length", aad=AAD)
    blob = bytearray(_payload(token))
    blob[position] ^= 0x01
    tampered = "v2:ka:" + base64.urlsafe_b64encode(bytes(blob)).decode()
    with pytest.raises(DecryptionError):
        decrypt(tampered, aad=AAD)


def test_swapped_key_id_raises(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A, "kb": KEY_B}
    token = encrypt(b"secret", aad=AAD)
    with pytest.raises(DecryptionError):
        decrypt(token.replace("v2:ka:", "v2:kb:"), aad=AAD)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "plain text",
        "v2:ka",
        "v2:ka:",
        "v3:ka:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v2:ka:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v2:k-a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v2:ka:not base64!",
        "v2:ka:AAAA",
        "v2:ka:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ],
)
def test_malformed_tokens_raise(ring_a, token):
    with pytest.raises(DecryptionError):
        decrypt(token, aad=AAD)


def test_non_text_token_raises(ring_a):
    with pytest.raises(DecryptionError):
        decrypt(b"v2:ka:AAAA", aad=AAD)  # type: ignore[arg-type]


def test_truncated_token_raises(ring_a):
    token = encrypt(b"secret", aad=AAD)
    short = "v2:ka:" + base64.urlsafe_b64encode(_payload(token)[:-1]).decode()
    with pytest.raises(DecryptionError):
        decrypt(short, aad=AAD)


def test_errors_do_not_carry_the_value(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    token = encrypt(b"Mykhailo Zhuravel", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_B}
    with pytest.raises(DecryptionError) as caught:
        decrypt(token, aad=AAD)
    assert token.split(":")[2][:10] not in str(caught.value)
    assert "Mykhailo" not in str(caught.value)


def test_arguments_must_be_bytes(ring_a):
    with pytest.raises(TypeError):
        encrypt("text", aad=AAD)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        encrypt(b"text", aad="people.person.given_name")  # type: ignore[arg-type]


def test_empty_or_bad_ring_is_refused(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {}
    with pytest.raises(ImproperlyConfigured):
        encrypt(b"x", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": b"short"}
    with pytest.raises(ImproperlyConfigured):
        encrypt(b"x", aad=AAD)
    settings.OSTOJA_ENCRYPTION_KEYS = {"k:a": KEY_A}
    with pytest.raises(ImproperlyConfigured):
        encrypt(b"x", aad=AAD)


def test_keys_are_read_at_call_time(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    assert crypto.current_key_id() == "ka"
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B, "ka": KEY_A}
    assert crypto.current_key_id() == "kb"


def test_the_legacy_format_opens_only_when_asked_for(ring_a):
    from ostoja.vault.crypto import LEGACY_VERSION, version_of

    old = encrypt(b"secret", aad=AAD, version=LEGACY_VERSION)
    assert old.startswith("v1:ka:") and version_of(old) == "v1"
    with pytest.raises(DecryptionError, match="migrate"):
        decrypt(old, aad=AAD)
    assert decrypt(old, aad=AAD, versions=(LEGACY_VERSION,)) == b"secret"
    # Relabelling an old token as new does not help: what the associated data names differs.
    with pytest.raises(DecryptionError):
        decrypt("v2" + old[2:], aad=AAD + b"#1")
