"""What the cases app adds: its pages in the navigation, its dashboard cards, its timeline entries."""

from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
from ostoja.cases import caseload, dashboard, erasure, lifecycle, naming, timeline
from ostoja.plugins import DashboardSection, Job, NavItem, Plugin, RecordKind

plugin = Plugin(
    navigation=[
        NavItem(_("Cases"), "cases:case_list", order=20),
        NavItem(_("Find a person"), "cases:person_search", order=30),
        NavItem(_("Register a person"), "cases:person_register", order=31),
        NavItem(_("Workload"), "cases:workload", (Role.SUPERVISOR,), order=46),
    ],
    dashboard=[
        DashboardSection(
            _("My open cases"),
            "cases/sections/my_cases.html",
            dashboard.my_cases,
            (Role.CASE_MANAGER, Role.SPECIALIST),
        ),
        DashboardSection(
            _("Caseload"), "cases/sections/caseload.html", dashboard.caseload, (Role.SUPERVISOR,)
        ),
    ],
    timeline=timeline.SOURCES,
    housekeeping=[
        Job("caseload", _("case count changes folded"), caseload.compact),
        Job("erased_keys", _("keys of erased persons destroyed"), erasure.destroy_erased_keys),
    ],
    erasure_blockers=erasure.open_cases_block,
    records=[
        RecordKind("case", _("case"), naming.cases, naming.find_case, naming.case_manager_of),
        RecordKind("person", _("person"), naming.persons),
        RecordKind("note", _("note"), naming.notes),
        RecordKind("field_change", _("change of a field")),
        RecordKind("photo", _("photo")),
    ],
    retention=lifecycle.RETENTION,
    subject_data=lifecycle.subject_data,
    # The one erasure of a person (cases/erasure.py), which the retention review carries out.
    erase_person=erasure.erase_person,
)
