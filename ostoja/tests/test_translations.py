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


# The names makemessages (xgettext with Django's keywords) finds strings under; a string marked with
# any other name (e.g. ``gettext_lazy as _l``) never reaches the catalogue and shows in English.
KNOWN_MARKERS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_strings_are_marked_under_names_makemessages_finds():
    import ast

    found = []
    for path in sorted((LOCALE.parent).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                found += [
                    f"{path.relative_to(LOCALE.parent)}: {alias.name} as {alias.asname}"
                    for alias in node.names
                    if alias.asname and alias.asname not in KNOWN_MARKERS
                ]
    assert not found, found
