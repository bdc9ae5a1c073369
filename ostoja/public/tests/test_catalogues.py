"""The public UI strings exist in every public language: complete, not fuzzy, compiled."""

import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

from ostoja.public import languages

LOCALE = Path(__file__).resolve().parents[1] / "locale"
CONTEXT = "\x04"  # how gettext joins a message's context to its id


def po_entries(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = {}
    for block in text.split("\n\n"):
        msgctxt = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda s: "".join(re.findall(r'"(.*)"', s)).replace('\\"', '"')  # noqa: E731
            context = join(msgctxt.group(1)) + CONTEXT if msgctxt else ""
            entries[context + join(msgid.group(1))] = join(msgstr.group(1))
    return entries


@pytest.mark.parametrize("language", languages.CODES)
def test_catalogue_is_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    entries = po_entries(po)
    assert len(entries) > 60
    untranslated = [msgid for msgid, msgstr in entries.items() if msgid and not msgstr]
    assert not untranslated, untranslated
    with open(mo, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries.items():
        if msgid and "\\n" not in msgid:
            context, _sep, text = msgid.rpartition(CONTEXT)
            found = compiled.pgettext(context, text) if context else compiled.gettext(text)
            assert found == msgstr, (language, msgid)


@pytest.mark.parametrize("language", [code for code in languages.CODES if code != "en"])
def test_menu_and_buttons_are_translated_at_run_time(language):
    with translation.override(language):
        quick_exit = translation.gettext("Quick exit")
        send = translation.gettext("Send")
    assert quick_exit != "Quick exit" and send != "Send"


def test_catalogues_agree_on_the_public_strings():
    reference = set(po_entries(LOCALE / "uk" / "LC_MESSAGES" / "django.po"))
    for language in languages.CODES:
        assert reference <= set(po_entries(LOCALE / language / "LC_MESSAGES" / "django.po")), language
