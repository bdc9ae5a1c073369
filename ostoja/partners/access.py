"""Reading the partner directory: organisations, not persons, so every staff role may read it.

The read is audited here like every other record's (what each colleague looked at); editing is
for administrators and supervisors (``EDITORS``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.partners.models import Organisation

EDITORS = (Role.ADMINISTRATOR, Role.SUPERVISOR)


def get_organisation_for(request: HttpRequest, pk: int, *, action: str = "view") -> Organisation:
    """The organisation ``pk`` (404 if there is none), with the audit row of the read."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    audit.record(request=request, action=action, object_type="partner", object_ids=[organisation.pk])
    return organisation
