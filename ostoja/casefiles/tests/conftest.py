import pytest


@pytest.fixture(autouse=True)
def _seeded_rows(db):
    """The data migrations' rows, back after a test that flushed the database (ostoja/testing/seeds.py)."""
    from ostoja.testing import seeds

    seeds.ensure()
