"""The staff UI is complete in Polish and English, and the compiled catalogues are up to date."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_catalogue_is_complete_and_compiled(language, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    committed = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert compiled.read_bytes() == committed.read_bytes(), "run: ostoja compilemessages"
