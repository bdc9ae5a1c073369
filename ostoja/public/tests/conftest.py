import pytest

from ostoja.public import library


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Library files of a test go to a directory of its own, never into var/.
    settings.OSTOJA_MEDIA_ROOT = tmp_path / "media"
    yield
    assert library.media_root() == tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
