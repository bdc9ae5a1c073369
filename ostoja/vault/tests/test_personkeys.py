"""Each person's own data key: sealing under it, the key store, destroying a key, rewrapping it."""

from __future__ import annotations

import pytest

from ostoja.vault import personkeys
from ostoja.vault.crypto import DecryptionError, decrypt, encrypt, key_id_of
from ostoja.vault.rotation import rotate_model
from ostoja.vault.tests.conftest import KEY_A, KEY_B, raw_row

AAD = b"people.person.given_name#7"


@pytest.fixture
def ring_a(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}


def test_a_value_sealed_under_a_persons_key_names_the_key_and_opens_only_with_it(ring_a):
    key_id = personkeys.create()
    token = encrypt(b"Olena", aad=AAD, personal=(key_id, personkeys.load(key_id)))
    assert token.startswith(f"v3:{key_id}:")
    assert decrypt(token, aad=AAD, personal_key=personkeys.load) == b"Olena"
    with pytest.raises(DecryptionError, match="own key"):
        decrypt(token, aad=AAD)  # the key ring alone does not open it
    with pytest.raises(DecryptionError):
        decrypt(token, aad=b"people.person.given_name#8", personal_key=personkeys.load)
    other = personkeys.create()
    with pytest.raises(DecryptionError):
        decrypt(token.replace(key_id, other), aad=AAD, personal_key=personkeys.load)


def test_the_store_keeps_each_key_sealed_under_the_ring(ring_a, settings):
    key_id = personkeys.create()
    text = (settings.OSTOJA_PERSON_KEYS_DIR / key_id[:2] / key_id).read_text()
    assert key_id_of(text) == "ka"
    personkeys.forget_cache()
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    with pytest.raises(DecryptionError):
        personkeys.load(key_id)  # the store alone, without the ring, opens nothing


def test_a_destroyed_key_is_gone_for_every_token_and_for_good(ring_a):
    key_id = personkeys.create()
    token = encrypt(b"Olena", aad=AAD, personal=(key_id, personkeys.load(key_id)))
    assert personkeys.destroy(key_id) is True
    assert personkeys.is_erased(key_id)
    with pytest.raises(personkeys.PersonKeyErased):
        decrypt(token, aad=AAD, personal_key=personkeys.load)
    personkeys.forget_cache()
    with pytest.raises(personkeys.PersonKeyErased):
        personkeys.load(key_id)
    assert personkeys.destroy(key_id) is False


@pytest.mark.parametrize("key_id", ["short", "../../etc/passwd", "a" * 16 + "b", "abc/def12345678x"])
def test_malformed_or_unknown_key_ids_are_refused(ring_a, key_id):
    with pytest.raises(DecryptionError):
        personkeys.load(key_id)


def test_a_missing_key_is_an_error_never_an_empty_value(ring_a):
    with pytest.raises(DecryptionError, match="not in the person key store"):
        personkeys.load("A" * 16)


def test_rewrapping_moves_the_keys_to_the_current_ring_key_and_nothing_else(settings, ring_a):
    kept = personkeys.create()
    erased = personkeys.create()
    token = encrypt(b"Olena", aad=AAD, personal=(kept, personkeys.load(kept)))
    personkeys.destroy(erased)
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B, "ka": KEY_A}
    assert personkeys.rewrap_all(dry_run=True) == 1
    assert personkeys.rewrap_all() == 1
    assert personkeys.rewrap_all() == 0
    assert personkeys.is_erased(erased)
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}  # the old key removed after the rotation
    personkeys.forget_cache()
    assert decrypt(token, aad=AAD, personal_key=personkeys.load) == b"Olena"


def test_rotation_leaves_values_under_a_persons_key_alone(specimen, settings, ring_a):
    key_id = personkeys.create()
    row = specimen(name="Olena")
    row.__dict__["_vault_fixed_key"] = key_id  # as a row of a person's would be
    row.save()
    before = raw_row(row.pk)
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B, "ka": KEY_A}
    result = rotate_model(specimen)
    after = raw_row(row.pk)
    assert before["name"] == after["name"] and before["name"].startswith(f"v3:{key_id}:")
    assert before["label"].startswith(f"v3:{key_id}:") and after["label"] == before["label"]
    assert result.values == 0
