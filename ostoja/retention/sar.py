"""The person's own copy (GDPR art. 15): what every app holds about them, by one set of rules.

Each app gives its sections through its plugin (``subject_data``); this module applies the rules
that hold for all of them and writes the JSON and the PDF:

- Staff appear by their role only (``OSTOJA_SUBJECT_COPY_STAFF = "role"``, the default), or by name
  where the centre decides staff names are given (``"name"``).
- Other people's data (a caller who was not the person, an interpreter's name, other participants
  of a meeting) is never given: the copy says what was withheld and why (art. 15(4)).
- A secret shelter address never appears: every text any app marks as a secret place
  (``Plugin.secret_places``) is replaced wherever it occurs, and apps never give one as a value.
- The copy is written in Polish or English (the staff languages, whose texts are complete); where
  the person speaks neither, it says so and offers an interpreter.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ostoja import dates, plugins
from ostoja.plugins import StaffRef, SubjectSection, Withheld
from ostoja.web.templatetags.ostoja import language_name

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass
class Copy:
    """The copy as it is handed over: sections of records of (label, text) rows."""

    language: str
    person_id: int
    made_at: dt.datetime
    language_note: str
    sections: list[dict[str, Any]] = field(default_factory=list)
    refs: list[tuple[str, int]] = field(default_factory=list)
    withheld: int = 0

    def as_json(self) -> str:
        return json.dumps(
            {"made_at": self.made_at.isoformat(timespec="seconds"), "language": self.language,
             "language_note": self.language_note, "sections": self.sections},
            ensure_ascii=False, indent=2,
        )  # fmt: skip


class _Rules:
    def __init__(self, secrets: list[str]) -> None:
        # Longest first, so a longer secret is not left half-replaced by a shorter one inside it.
        self.secrets = sorted({s.strip() for s in secrets if s and s.strip()}, key=len, reverse=True)
        self.withheld = 0

    def text(self, value: Any) -> str | list[str]:
        if isinstance(value, StaffRef):
            if settings.OSTOJA_SUBJECT_COPY_STAFF == "name" and value.user is not None:
                return value.user.get_full_name() or str(value.role)
            return str(value.role)
        if isinstance(value, Withheld):
            self.withheld += 1
            return _("[withheld: %(reason)s]") % {"reason": value.reason}
        if isinstance(value, list | tuple):
            return [t for item in value if (t := self.text(item))]  # type: ignore[misc]
        if isinstance(value, dt.datetime | dt.date):
            return dates.show(value)
        if value is None:
            return ""
        return self.redact(str(value))

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                self.withheld += 1
                text = text.replace(secret, _("[withheld: a shelter's address]"))
        return text


def language_note(person: Any, language: str) -> str:
    spoken = [code for code in [person.preferred_language, *(person.languages or [])] if code]
    if not spoken or language in spoken:
        return ""
    names = ", ".join(dict.fromkeys(language_name(code) for code in spoken))
    return _(
        "This copy is in %(language)s: its texts do not exist yet in the language you speak (%(spoken)s). "
        "Ask the centre and an interpreter will read it with you."
    ) % {"language": language_name(language), "spoken": names}


def build(person: Any, language: str) -> Copy:
    """Every app's sections about ``person``, with the rules applied, in ``language``."""
    with translation.override(language):
        rules = _Rules(plugins.secret_places(person))
        copy = Copy(language, person.pk, timezone.now(), language_note(person, language))
        sections: list[SubjectSection] = plugins.subject_data(person)
        for section in sections:
            records = []
            for record in section.records:
                rows = []
                for label, value in record.fields:
                    text = rules.text(value)
                    if text in ("", []):
                        continue
                    rows.append({"label": str(label), "value": text})
                records.append({"title": rules.redact(str(record.title)), "fields": rows})
                if record.ref:
                    copy.refs.append(record.ref)
            copy.sections.append(
                {
                    "key": section.key,
                    "title": str(section.title),
                    "note": str(section.note),
                    "records": records,
                }
            )
        copy.withheld = rules.withheld
    return copy


def html(copy: Copy) -> str:
    sections = [
        {**section, "records": [
            {"title": record["title"], "fields": [
                (row["label"], ", ".join(row["value"]) if isinstance(row["value"], list) else row["value"])
                for row in record["fields"]
            ]}
            for record in section["records"]
        ]}
        for section in copy.sections
    ]  # fmt: skip
    with translation.override(copy.language):
        made_at = dates.show(copy.made_at)
        return render_to_string(
            "retention/copy.html",
            {"copy": copy, "sections": sections, "lang": copy.language, "made_at": made_at},
        )


def _refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The copy fetches nothing ({url[:60]}).")

    return RefusingFetcher()


def pdf(copy: Copy) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(copy), url_fetcher=_refusing_fetcher(), base_url=None).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode()


def decode(text: str) -> bytes:
    return base64.b64decode(text)
