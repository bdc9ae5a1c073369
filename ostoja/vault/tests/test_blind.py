"""Blind index tokens: keyed, separated by kind, and matching exactly when the canonical forms do."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from ostoja.vault.blind import (
    TOKEN_HEX_LENGTH,
    blind_token,
    date_token,
    document_token,
    name_tokens,
    phone_token,
)
from ostoja.vault.normalise import name_keys, words_match
from ostoja.vault.tests.conftest import KEY_A, KEY_B


def test_token_is_truncated_hmac_of_kind_and_value(settings):
    expected = hmac.new(settings.OSTOJA_BLIND_INDEX_KEY, b"name\x1folena", hashlib.sha256).hexdigest()[:32]
    assert blind_token("name", "olena") == expected
    assert TOKEN_HEX_LENGTH == 32
    assert re.fullmatch(r"[0-9a-f]{32}", expected)


def test_blind_key_differs_from_every_encryption_key(settings):
    assert len(settings.OSTOJA_BLIND_INDEX_KEY) == 32
    assert settings.OSTOJA_BLIND_INDEX_KEY not in settings.OSTOJA_ENCRYPTION_KEYS.values()


def test_blind_key_equal_to_an_encryption_key_is_refused(settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    settings.OSTOJA_BLIND_INDEX_KEY = KEY_A
    with pytest.raises(ImproperlyConfigured):
        blind_token("name", "olena")


def test_missing_or_short_blind_key_is_refused(settings):
    settings.OSTOJA_BLIND_INDEX_KEY = b"short"
    with pytest.raises(ImproperlyConfigured):
        blind_token("name", "olena")


def test_tokens_depend_on_the_key(settings):
    settings.OSTOJA_BLIND_INDEX_KEY = KEY_A
    under_a = blind_token("name", "olena")
    settings.OSTOJA_BLIND_INDEX_KEY = KEY_B
    assert blind_token("name", "olena") != under_a
    # Without the key, the token is not the plain hash of the value either.
    assert under_a not in hashlib.sha256(b"olena").hexdigest()


def test_kinds_are_kept_apart():
    assert blind_token("name", "1990") != blind_token("date", "1990")
    assert blind_token("ab", "c") != blind_token("a", "bc")
    with pytest.raises(ValueError):
        blind_token("", "x")
    with pytest.raises(ValueError):
        blind_token("na\x1fme", "x")


def test_tokens_are_deterministic():
    assert blind_token("phone", "+48601234567") == blind_token("phone", "+48601234567")


def test_name_tokens_follow_name_keys():
    tokens = name_tokens("Yuliia Shevchenko")
    keys = name_keys("Yuliia Shevchenko")
    assert [len(group) for group in tokens] == [len(group) for group in keys]
    assert tokens[0] == {blind_token("name", key) for key in keys[0]}


@pytest.mark.parametrize(
    ("query", "record"),
    [
        ("Olena Kovalenko", "Олена Коваленко"),
        ("Ołena Kowalenko", "Olena Kovalenko"),
        ("Julija Szewczenko", "Юлія Шевченко"),
        ("Mykhailo Zhuravel", "Mychajło Żurawel"),
        ("Dmitrij Kuzniecow", "Дмитрий Кузнецов"),
        ("Giorgi Beridze", "გიორგი ბერიძე"),
    ],
)
def test_name_tokens_match_across_scripts(query, record):
    assert words_match(name_tokens(query), name_tokens(record))
    assert words_match(name_tokens(record), name_tokens(query))


def test_name_tokens_of_different_names_do_not_match():
    assert not words_match(name_tokens("Anna Nowak"), name_tokens("Jan Kowalski"))
    assert not words_match(name_tokens("Olena"), name_tokens("Alina"))


def test_phone_token_is_the_same_for_every_spelling():
    tokens = {phone_token(text) for text in ["+48 601 234 567", "0048601234567", "601-234-567"]}
    assert len(tokens) == 1
    assert tokens.pop() == blind_token("phone", "+48601234567")


@pytest.mark.parametrize("text", ["", "garbage", "123", "+48 12"])
def test_phone_token_of_garbage_is_none(text):
    assert phone_token(text) is None


def test_document_token():
    assert document_token("кв 123-456") == document_token("KB123456") == blind_token("document", "KB123456")
    assert document_token(" - ") is None
    assert document_token("AB123456") != document_token("AB123457")


def test_date_token():
    born = datetime.date(1994, 3, 17)
    assert date_token(born) == blind_token("date", "1994-03-17")
    assert date_token(born) != date_token(datetime.date(1994, 3, 18))
    with pytest.raises(TypeError):
        date_token(datetime.datetime(1994, 3, 17, 12, 0))
