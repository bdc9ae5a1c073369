"""The audit log in words: each event's records named as people know them, its details as sentences.

The records come from the apps' plug-ins (``plugins.RecordKind``): a case by its number, a meeting by
its date, a staff member by name; one query per record type for the whole page. The details, stored
as JSON for the chain, are shown as "label: value" pairs: known keys and codes in words, choices by
their label, times in the reader's format. Nothing shows an internal id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import dates, plugins

# What a detail's key means; any other key is shown with its underscores as spaces.
DETAIL_WORDS = {
    "form": _("form"),
    "fields": _("fields changed"),
    "filters": _("filters used"),
    "shown": _("records shown"),
    "dashboard": _("on the dashboard"),
    "via": _("access through"),
    "needed": _("permission needed"),
    "view": _("page"),
    "step": _("step"),
    "reason": _("reason"),
    "results": _("results"),
    "count": _("how many"),
    "n": _("how many"),
    "full": _("whole file"),
    "language": _("language"),
    "kind": _("kind"),
    "kinds": _("kinds"),
    "invalid": _("filters not valid"),
    "starts_at": _("starts"),
    "ends_at": _("ends"),
    "worker": _("staff member"),
    "roles_added": _("roles given"),
    "roles_requested": _("roles asked for"),
    "role": _("role"),
    "sessions_ended": _("sessions ended"),
    "password_reset": _("password reset"),
    "protocol": _("safe-contact protocol"),
    "over_budget": _("over the look-up budget"),
    "duplicate_check": _("duplicate check"),
    "lookup": _("look-up"),
    "surge": _("sent during a surge"),
    "outcome": _("outcome"),
    "minutes": _("minutes"),
    "expires_at": _("until"),
    "holder": _("held by"),
    "requested_by": _("asked for by"),
    "merge_into": _("merged into"),
    "confirmed": _("confirmed"),
    "grant": _("break-glass access"),
    "ended_at": _("ended"),
    "action": _("action"),
    "active": _("active"),
    "added": _("added"),
    "by": _("by"),
    "closed": _("closed"),
    "compare": _("versions compared"),
    "consent_override": _("without a recorded consent"),
    "deactivated": _("deactivated"),
    "declined": _("declined"),
    "dismissed": _("dismissed"),
    "duty_card": _("duty card"),
    "end": _("to"),
    "factor": _("second factor"),
    "format": _("file format"),
    "incoming_referral": _("incoming referral"),
    "items": _("data sent"),
    "key": _("key"),
    "letter": _("letter"),
    "linked": _("linked"),
    "list": pgettext_lazy("audit detail", "list"),
    "match": _("match"),
    "meetings": _("meetings"),
    "page": _("page number"),
    "passkey_roles": _("roles signing in with passkeys only"),
    "pending": _("waiting for confirmation"),
    "period": _("period"),
    "photo": _("photo"),
    "previous_passkey_roles": _("before: roles signing in with passkeys only"),
    "purpose": _("purpose"),
    "reactivated": _("reactivated"),
    "records": _("records"),
    "refused": _("refused"),
    "reopened": _("reopened"),
    "reviewed": _("reviewed"),
    "revoked": _("revoked"),
    "roles_wanted": _("roles asked for"),
    "rows": _("rows"),
    "shifts": _("shifts"),
    "size": _("size"),
    "stale": _("out of date"),
    "start": _("from"),
    "taken": _("taken"),
    "token": _("key"),
    "triage": _("triage"),
    "triaged": _("triaged"),
    "without_consent": _("without consent"),
    "year": _("year"),
    "authenticator_reset": _("authenticator app reset"),
    "devices_removed": _("devices removed"),
    "passkeys_removed": _("passkeys removed"),
    "roles_removed": _("roles taken away"),
    "left_out": _("left out"),
    "k": _("smallest group of alike records"),
    "field": _("field"),
    "file": _("file"),
    "imported": _("imported"),
    "source": _("format"),
    "uploaded": _("sent on the import page"),
    "id": _("record"),
    "keys": _("keys destroyed"),
    "languages": _("languages"),
    "level": _("confidentiality"),
    "linked_service": _("linked to the plan's service"),
    "new_person": _("new person registered"),
    "questionnaire": _("the ministry's questionnaire"),
    "record": _("record"),
    "summary": _("case summary"),
    "translated": _("translated"),
    "values": _("values erased"),
    "status": pgettext_lazy("record", "status"),
    "postponed_until": _("postponed until"),
    "decision": _("decision"),
    "until": _("kept until"),
    "note": _("note written"),
    "withheld": _("left out of the copy"),
    "handed_over_for": _("downloaded for"),
}
# Codes that appear as detail values and are not the choices of a stored field.
VALUE_WORDS = {
    "staff": _("staff"),
    "duty_on_shift": _("duty worker on shift"),
    "break_glass": _("break-glass access"),
    "team": _("case team"),
    "specialist": _("specialist on the team"),
    "case_manager": _("case manager"),
    "supervision": _("supervision"),
    "registrar": _("registered the person"),
    "exists": _("see that it exists"),
    "duty_card": _("duty card"),
    "view": pgettext_lazy("permission", "read"),
    "contact": pgettext_lazy("permission", "contact"),
    "note": pgettext_lazy("permission", "add notes"),
    "change": pgettext_lazy("permission", "change"),
    "manage_team": _("manage the team"),
    "confidential": _("confidential notes"),
}
CODE = re.compile(r"[a-z][a-z0-9_]*(:[a-z0-9_]+)?")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


# Kinds of record whose app names none of them (the public site's, kept in its own catalogue).
KIND_WORDS = {
    "public_text": _("public text"),
    "public_contact": _("the centre's contact details"),
    "public_partner": _("partner organisation"),
    "public_document": _("public document"),
}


def is_named_kind(code: str) -> bool:
    return code in plugins.record_kinds() or code in KIND_WORDS


def kind_label(code: str) -> str:
    kind = plugins.record_kinds().get(code)
    if kind:
        return str(kind.label)
    return str(KIND_WORDS.get(code) or humanise(code))


def humanise(code: str) -> str:
    return code.replace("_", " ").replace(":", " ")


def name_refs(refs: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """(type, id) -> the record's name, or its kind in words; one query per type."""
    kinds = plugins.record_kinds()
    wanted: dict[str, set[int]] = defaultdict(set)
    for code, pk in refs:
        wanted[code].add(pk)
    named: dict[tuple[str, int], str] = {}
    for code, ids in wanted.items():
        kind = kinds.get(code)
        names = kind.names(sorted(ids)) if kind and kind.names else {}
        for pk in ids:
            named[(code, pk)] = names.get(pk) or kind_label(code)
    return named


def name_refs_with_kind(refs: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Like ``name_refs``, with the kind in front of a bare name ("case 2026/0042"), for a record
    named on its own, outside a table that says its kind."""
    named = name_refs(refs)
    for (code, pk), name in named.items():
        label = kind_label(code)
        # A bare name (a case number, a staff member's login) gets its kind; a phrase is left alone.
        if name != label and " " not in name and ":" not in name:
            named[(code, pk)] = f"{label} {name}"
    return named


def name_events(events: list[Any]) -> None:
    """Sets ``kind_label``, ``named_refs`` (words) and ``detail_words`` on each event of a page."""
    refs = [(ref.object_type, ref.object_id) for e in events for ref in getattr(e, "first_refs", [])]
    refs += [ref for e in events for ref in _detail_refs(e.details or {})]
    names = name_refs(refs)
    for event in events:
        event.kind_label = kind_label(event.object_type)
        shown: list[str] = []
        for ref in getattr(event, "first_refs", []):
            name = names[(ref.object_type, ref.object_id)]
            if name not in shown:
                shown.append(name)
        event.named_refs = shown
        event.detail_words = detail_words(event.details or {}, names)


# Keys whose values are ids of records: shown by the record's name (or its kind), never the number.
REF_KEYS = {
    "worker": "staff",
    "holder": "staff",
    "requested_by": "staff",
    "merge_into": "person",
    "call_event": "call_event",
    "intervention": "intervention",
    "grant": "break_glass",
    "confirmed": "role_grant",
}
# Keys whose values are names of fields or filters, not choices: shown as words, never as a choice's label.
NAME_KEYS = {"fields", "filters"}


def _detail_refs(details: dict) -> list[tuple[str, int]]:
    return [
        (REF_KEYS[key], value)
        for key, value in details.items()
        if key in REF_KEYS and isinstance(value, int) and not isinstance(value, bool)
    ]


def detail_words(details: dict, names: dict | None = None) -> list[tuple[str, str]]:
    """The details as (label, value) pairs in the reader's language; ``names`` from ``name_refs``."""
    words = []
    names = names if names is not None else name_refs(_detail_refs(details))
    for key, value in sorted(details.items()):
        label = str(DETAIL_WORDS.get(key) or humanise(key))
        if isinstance(value, int) and not isinstance(value, bool) and (REF_KEYS.get(key), value) in names:
            name = names[(REF_KEYS[key], value)]
            if name != kind_label(REF_KEYS[key]):  # a record with no name of its own says nothing more
                words.append((label, name))
        elif key in NAME_KEYS and isinstance(value, list):
            words.append((label, ", ".join(humanise(str(item)) for item in value)))
        elif key == "view" and isinstance(value, str):
            words.append((label, _address(value)))
        else:
            words.append((label, value_words(value)))
    return words


def _address(route: str) -> str:
    """A page named by its route ("accounts:staff_edit"), shown by its address ("/staff/…/")."""
    try:
        return reverse(route)
    except NoReverseMatch:
        return _patterns().get(route) or humanise(route)


@cache
def _patterns() -> dict[str, str]:
    """Route name -> its address with "…" for each argument."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) if entry.namespace else namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.setdefault(
                    name, "/" + re.sub(r"<[^>]+>", "…", prefix + str(entry.pattern)).lstrip("^/")
                )

    walk(get_resolver().url_patterns, "", "")
    return found


def value_words(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(value_words(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{label}: {words}" for label, words in detail_words(value)) or "—"
    if isinstance(value, str):
        if ISO_TIME.match(value):
            try:
                return dates.show(dt.datetime.fromisoformat(value))
            except ValueError:
                return value
        if CODE.fullmatch(value):
            word = VALUE_WORDS.get(value) or choice_labels().get(value)
            return str(word) if word else humanise(value)
    return str(value)


@cache
def _choice_codes() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for code, label in getattr(field, "flatchoices", None) or []:
                if isinstance(code, str) and code:
                    found.setdefault(code, label)
    return found


def choice_labels() -> dict[str, Any]:
    """Every stored choice's code -> its (lazy) label: read in the active language when shown."""
    return _choice_codes()
