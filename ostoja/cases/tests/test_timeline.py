"""The timeline is bounded: a page at a time, a window, a limit per source, and it decrypts only what
it shows; every entry names its record, and the case's audit row names what the page showed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.cases import services, timeline
from ostoja.cases.access import case_access
from ostoja.cases.models import Note
from ostoja.vault import fields

pytestmark = pytest.mark.django_db


def notes_at(case, author, moments):
    """Notes written at the given moments (in this order); returns their ids."""
    ids = []
    for n, at in enumerate(moments):
        note = services.note_add(case=case, author=author, text=f"note {n}")
        Note.objects.filter(pk=note.pk).update(created_at=at)
        ids.append(note.pk)
    return ids


def walk(case, access, size, **window):
    """Every page from the newest, following the cursor."""
    pages, until = [], None
    while True:
        page = timeline.page(case, access, until=until, size=size, **window)
        pages.append(page)
        if page.older is None:
            return pages
        until = page.older


def test_pages_show_every_entry_once_newest_first_even_at_shared_instants(case, cast):
    start = timezone.now() - timedelta(days=10)
    moments = [start + timedelta(minutes=n) for n in range(17)]
    moments += [start + timedelta(minutes=30)] * 6  # six notes at one instant, across a page boundary
    moments += [start + timedelta(minutes=40 + n) for n in range(9)]
    ids = notes_at(case, cast[Role.CASE_MANAGER], moments)
    pages = walk(case, case_access(cast[Role.CASE_MANAGER], case), size=10)
    shown = [e for page in pages for e in page.entries]
    assert sorted(e.record_id for e in shown if e.record_type == "note") == sorted(ids)
    assert len(shown) == len({(e.record_type, e.record_id) for e in shown})  # none twice
    assert [e.at for e in shown] == sorted((e.at for e in shown), reverse=True)
    assert all(len(page.entries) <= 10 for page in pages)


def test_a_period_leaves_out_what_came_before_it(case, cast):
    now = timezone.now()
    old, recent = notes_at(
        case, cast[Role.CASE_MANAGER], [now - timedelta(days=100), now - timedelta(days=5)]
    )
    access = case_access(cast[Role.CASE_MANAGER], case)
    page = timeline.page(case, access, since=now - timedelta(days=30))
    notes = {e.record_id for e in page.entries if e.record_type == "note"}
    assert notes == {recent}
    assert old in {e.record_id for e in timeline.page(case, access).entries}


def test_each_source_loads_one_page_at_most(case, cast):
    now = timezone.now()
    notes_at(case, cast[Role.CASE_MANAGER], [now - timedelta(minutes=n) for n in range(40)])
    window = timeline.Window(until=None, since=None, limit=11)
    assert len(timeline._notes(case, case_access(cast[Role.CASE_MANAGER], case), window)) == 11


def test_only_the_notes_on_the_page_are_decrypted(case, cast, monkeypatch):
    now = timezone.now() + timedelta(hours=1)  # after the case was opened
    notes_at(case, cast[Role.CASE_MANAGER], [now - timedelta(minutes=n) for n in range(40)])
    opened = []
    real = fields.decrypt

    def counting(value, *, aad, **options):
        if aad.startswith(b"cases.note.text#"):
            opened.append(value)
        return real(value, aad=aad, **options)

    monkeypatch.setattr(fields, "decrypt", counting)
    page = timeline.page(case, case_access(cast[Role.CASE_MANAGER], case), size=10)
    shown = [e for e in page.entries if e.record_type == "note"]
    assert len(shown) == 10 and all(e.text.startswith("note ") for e in shown)
    assert len(opened) == 10


def test_the_case_audit_row_names_what_the_page_showed(case, cast, client_for):
    now = timezone.now() + timedelta(hours=1)  # after the case was opened
    ids = notes_at(case, cast[Role.CASE_MANAGER], [now - timedelta(minutes=n) for n in range(40)])
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client_for(Role.CASE_MANAGER).get(reverse("cases:case_detail", args=[case.pk]))
    shown = {e.record_id for e in response.context["entries"] if e.record_type == "note"}
    assert len(shown) == timeline.PAGE_SIZE
    (event,) = AuditEvent.objects.filter(pk__gt=before, object_type="case")
    named = set(event.refs.filter(object_type="note").values_list("object_id", flat=True))
    assert named == shown  # the notes shown, and not the fifteen older ones
    assert set(ids) - named
    # The next page is a page of its own, and its row names its notes.
    older = client_for(Role.CASE_MANAGER).get(
        reverse("cases:case_detail", args=[case.pk]),
        {"before": response.context["entries"][-1].at.isoformat()},
    )
    more = {e.record_id for e in older.context["entries"] if e.record_type == "note"}
    assert more and not more & shown
    assert more | shown == set(ids)


def test_a_malformed_cursor_or_period_shows_the_first_page(case, cast, client_for):
    url = reverse("cases:case_detail", args=[case.pk])
    for params in ({"before": "yesterday"}, {"before": "2026-01-01T00:00:00"}, {"period": "forever"}):
        response = client_for(Role.CASE_MANAGER).get(url, params)
        assert response.status_code == 200
        assert [e.record_type for e in response.context["entries"]] == ["case"]


def test_a_change_reads_in_the_readers_language_with_labels_not_codes(case, cast, client_for):
    from django.utils import translation

    from ostoja.history.services import snapshot

    manager = cast[Role.CASE_MANAGER]
    # A change saved by a colleague working in Polish: the risk flags (a list of codes) and the phase.
    with translation.override("pl"):
        before = snapshot(case, ["risk_flags", "phase"])
        case.risk_flags = ["no_safe_housing", "phone_monitored"]
        case.phase = "after_return" if case.phase != "after_return" else "foreigner_in_poland"
        services.case_update(case=case, actor=manager, expected_version=case.version, before=before)
    client = client_for(Role.CASE_MANAGER)
    client.cookies["ostoja_language"] = "en"
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "no_safe_housing" not in page and "phone_monitored" not in page
    assert "No safe place to stay, Phone may be monitored" in page
    assert "Risk flags changed" in page and "Phase changed" in page
    with translation.override("pl"):
        new_phase_pl = str(case.get_phase_display())
    with translation.override("en"):
        new_phase_en = str(case.get_phase_display())
    assert new_phase_en in page and new_phase_pl not in page  # the label the reader reads, not the editor's
