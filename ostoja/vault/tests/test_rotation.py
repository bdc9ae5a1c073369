"""Key rotation: every value under an old key moves to the current key, and nothing else changes."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from ostoja.vault.crypto import DecryptionError, key_id_of
from ostoja.vault.rotation import encrypted_models, rotate_all, rotate_model
from ostoja.vault.tests.conftest import KEY_A, KEY_B, KEY_C, SPECIMEN_TABLE, raw_row

COLUMNS = ("name", "note", "born", "visits", "extra", "label")


def _stored_key_ids() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {SPECIMEN_TABLE}")  # noqa: S608
        return [key_id_of(value) for row in cursor.fetchall() for value in row if value is not None]


@pytest.fixture
def mixed_table(specimen, settings):
    """Rows written under three successive rings: 'ka', then 'kb', then 'kc' as current key.

    Returns the expected plaintexts by primary key and the number of values and rows still under
    an old key once 'kc' is current.
    """
    expected = {}
    stale_values = stale_rows = 0
    rings = [{"ka": KEY_A}, {"kb": KEY_B, "ka": KEY_A}, {"kc": KEY_C, "kb": KEY_B, "ka": KEY_A}]
    for generation, ring in enumerate(rings):
        settings.OSTOJA_ENCRYPTION_KEYS = ring
        for i in range(7):
            values = {
                "name": f"Person {generation}-{i}",
                "note": "" if i % 2 else f"Note {i}",
                "born": datetime.date(1980 + i, 1 + generation, 1) if i % 3 else None,
                "visits": i,
                "extra": [generation, i] if i % 4 else None,
                "label": "",
            }
            row = specimen.objects.create(**values)
            expected[row.pk] = values
            if generation < 2:
                stale_values += sum(value is not None for value in values.values())
                stale_rows += 1
    # One row whose values mix keys: its name is re-sealed under 'kc' while the rest stays old.
    mixed_pk = next(iter(expected))
    mixed = specimen.objects.get(pk=mixed_pk)
    mixed.name = "Renamed under kc"
    mixed.save(update_fields=["name"])
    expected[mixed_pk] = {**expected[mixed_pk], "name": "Renamed under kc"}
    stale_values -= 1
    assert sorted(set(_stored_key_ids())) == ["ka", "kb", "kc"]
    return expected, stale_values, stale_rows


def test_rotation_reencrypts_every_stale_value(specimen, settings, mixed_table):
    expected, stale_values, stale_rows = mixed_table
    before = {pk: raw_row(pk) for pk in expected}
    result = rotate_model(specimen, batch_size=4)
    assert (result.label, result.values, result.rows) == ("vault.Specimen", stale_values, stale_rows)
    assert set(_stored_key_ids()) == {"kc"}
    # Values already under 'kc' are left exactly as they were.
    for pk, columns in before.items():
        after = raw_row(pk)
        for column, text in columns.items():
            if text is not None and key_id_of(text) == "kc":
                assert after[column] == text
            else:
                assert (after[column] is None) == (text is None)
    # With the old keys gone, everything still opens and reads the same.
    settings.OSTOJA_ENCRYPTION_KEYS = {"kc": KEY_C}
    for row in specimen.objects.all():
        assert {column: getattr(row, column) for column in COLUMNS} == expected[row.pk]


def test_rotate_all_finds_the_model_and_a_second_run_has_nothing_to_do(specimen, mixed_table):
    _, stale_values, _ = mixed_table
    assert specimen in encrypted_models()
    assert rotate_all(batch_size=500)["vault.Specimen"] == stale_values
    assert rotate_all()["vault.Specimen"] == 0


def test_dry_run_counts_and_changes_nothing(specimen, mixed_table):
    expected, stale_values, _ = mixed_table
    before = {pk: raw_row(pk) for pk in expected}
    assert rotate_all(dry_run=True)["vault.Specimen"] == stale_values
    assert {pk: raw_row(pk) for pk in expected} == before


def test_value_under_a_removed_key_stops_rotation(specimen, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    first = specimen.objects.create(name="first")
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    specimen.objects.create(name="second")
    settings.OSTOJA_ENCRYPTION_KEYS = {"kc": KEY_C, "kb": KEY_B}
    with pytest.raises(DecryptionError, match=f"vault.Specimen pk={first.pk} field name"):
        rotate_model(specimen)
    with pytest.raises(DecryptionError):
        rotate_model(specimen, dry_run=True)


def test_rotation_writes_no_model_signals(specimen, settings, mixed_table):
    from django.db.models.signals import post_save, pre_save

    seen = []

    def record(sender, **kwargs):
        seen.append(sender)

    pre_save.connect(record, sender=specimen)
    post_save.connect(record, sender=specimen)
    try:
        rotate_model(specimen)
    finally:
        pre_save.disconnect(record, sender=specimen)
        post_save.disconnect(record, sender=specimen)
    assert seen == []


@translation.override("en")
def test_command_reports_per_model_and_total(specimen, mixed_table):
    _, stale_values, stale_rows = mixed_table
    out = io.StringIO()
    call_command("rotate_keys", "--dry-run", stdout=out)
    assert (
        f"vault.Specimen: {stale_values} values would be re-encrypted in {stale_rows} rows" in out.getvalue()
    )
    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "3", stdout=out)
    report = out.getvalue()
    assert "Current key: kc." in report
    assert f"vault.Specimen: {stale_values} values re-encrypted in {stale_rows} rows" in report
    assert "Total: " in report
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "vault.Specimen: 0 values re-encrypted in 0 rows" in out.getvalue()


def test_command_explains_a_missing_key(specimen, settings):
    settings.OSTOJA_ENCRYPTION_KEYS = {"ka": KEY_A}
    specimen.objects.create(name="sealed with ka")
    settings.OSTOJA_ENCRYPTION_KEYS = {"kb": KEY_B}
    with pytest.raises(CommandError, match="OSTOJA_ENCRYPTION_KEYS"):
        call_command("rotate_keys", stdout=io.StringIO())


@translation.override("en")
def test_command_help_explains_the_procedure():
    from ostoja.vault.management.commands.rotate_keys import Command

    text = str(Command().help)
    assert "FIRST" in text
    assert "remove the old keys" in text


def test_batch_size_must_be_positive(specimen):
    with pytest.raises(ValueError):
        rotate_model(specimen, batch_size=0)
    with pytest.raises(CommandError):
        call_command("rotate_keys", "--batch-size", "0", stdout=io.StringIO())
