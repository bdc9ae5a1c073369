"""What consent adds elsewhere: a case-page section with the consents in force, and the rule that says
who agreed to their data going to partners (exports such as HTCDS ask it)."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming
from ostoja.cases.models import Case
from ostoja.consent import lifecycle
from ostoja.consent.codes import EXCHANGE_PURPOSE, Scope
from ostoja.consent.models import Consent
from ostoja.plugins import CaseSection, Plugin, RecordKind


def _case_section(request: HttpRequest, case: Case) -> dict:
    in_force = list(
        Consent.objects.in_force().filter(person_id=case.person_id)
        .select_related("partner")
        .only("pk", "scope", "purpose", "channel", "partner__name", "partner__city", "given_on", "person_id")
        .order_by("-given_on", "-pk")[:10]
    )  # fmt: skip
    return {"consents": in_force, "shown": [("consent", c.pk) for c in in_force]}


def consent_to_share(person_ids: Sequence[int], purpose: str) -> set[int]:
    """Of ``person_ids``, those with a consent in force for ``purpose``: one indexed query.

    ``EXCHANGE_PURPOSE`` (whole case records to partners, the HTCDS export) needs a consent to that
    exchange; any other purpose is a partner service, which a consent to share for it allows.
    """
    ids = sorted(set(person_ids))
    if not ids:
        return set()
    rows = Consent.objects.in_force().filter(person_id__in=ids)
    if purpose == EXCHANGE_PURPOSE:
        rows = rows.filter(scope=Scope.EXCHANGE)
    else:
        rows = rows.filter(scope=Scope.SHARING, purpose=purpose)
    return set(rows.values_list("person_id", flat=True).distinct())


plugin = Plugin(
    consent_to_share=consent_to_share,
    case_sections=[
        CaseSection(
            "consent", gettext_lazy("Consents"), "consent/sections/case_section.html", _case_section, order=60
        )
    ],
    records=[
        RecordKind(
            "consent",
            gettext_lazy("consent"),
            naming.by_case(Consent, lambda: _("a consent in case %(number)s")),
        ),
    ],
    subject_data=lifecycle.subject_data,
)
