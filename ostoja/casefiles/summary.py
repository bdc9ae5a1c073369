"""The printable case summary: what each app contributes, for one viewer and one purpose.

The summary is the case as the viewer may read it, on paper: the person and the case (kept here),
then every app's section (``plugins.SummarySection``: identification, needs and safety, the plan,
services, referrals, the case file's documents and attachments, and the sections of apps that plug
in later), then an excerpt of the timeline (titles and dates only: the texts of notes stay in the
system). Each section decides from the viewer's access what it prints; none prints an address or a
phone number. WeasyPrint renders it as PDF/UA-1 with a URL fetcher that fetches nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ostoja import dates, plugins
from ostoja.cases import timeline
from ostoja.cases.access import Access
from ostoja.cases.models import Case
from ostoja.people.countries import country_name

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

TIMELINE_EXCERPT = 15


@dataclass
class Summary:
    case: Case
    purpose: str
    sections: list[tuple[str, plugins.SummaryPart]] = field(default_factory=list)
    entries: list[timeline.Entry] = field(default_factory=list)

    @property
    def shown(self) -> list[tuple[str, int]]:
        """Every record the summary prints, for the export's audit row."""
        refs = {("person", self.case.person_id)}
        refs |= {ref for _title, part in self.sections for ref in part.shown}
        refs |= {(e.record_type, e.record_id) for e in self.entries}
        return sorted(refs)


def _person_part(case: Case, access: Access) -> plugins.SummaryPart:
    person = case.person
    born = dates.show(person.date_of_birth, "date") if person.date_of_birth else ""
    if not born and person.estimated_age is not None:
        born = _("about %(age)s years old (estimated)") % {"age": person.estimated_age}
    rows = [
        (_("Name"), person.display_name),
        (_("Date of birth"), born or "—"),
        (_("Gender"), person.get_gender_display() or "—"),
        (_("Minor"), _("yes") if person.is_minor else _("no")),
        (_("Citizenship"), ", ".join(country_name(c) for c in person.citizenships or []) or "—"),
        (_("Case number"), case.number),
        (_("Phase"), str(case.get_phase_display())),
        (_("Status"), str(case.get_status_display())),
        (_("Opened on"), dates.show(case.opened_on, "date")),
        (_("Case manager"), str(case.case_manager)),
    ]
    return plugins.SummaryPart(rows=rows, shown=[("person", person.pk), ("case", case.pk)])


def build(case: Case, access: Access, purpose: str) -> Summary:
    """The summary of ``case`` as ``access`` may read it (``case.person`` loaded)."""
    summary = Summary(case=case, purpose=purpose)
    summary.sections.append((_("Person and case"), _person_part(case, access)))
    for section in plugins.summary_sections():
        part = section.part(case, access)
        if part is not None:
            summary.sections.append((str(section.title), part))
    summary.entries = timeline.page(case, access, size=TIMELINE_EXCERPT).entries
    return summary


def summary_html(summary: Summary, purpose_label: str, author: str) -> str:
    return render_to_string(
        "casefiles/summary.html",
        {
            "lang": (get_language() or "pl")[:2], "summary": summary, "case": summary.case,
            "purpose": purpose_label, "author": author, "made_at": dates.show(timezone.now()),
        },
    )  # fmt: skip


def _refusing_fetcher():
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The summary fetches nothing ({url[:60]}).")

    return RefusingFetcher()


def summary_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_refusing_fetcher(), base_url=None).write_pdf(pdf_variant="pdf/ua-1")
