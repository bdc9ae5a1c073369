import datetime

import pytest
from django.utils import timezone

from ostoja.accounts.roles import Role
from ostoja.consent import services as consent_services
from ostoja.consent.codes import GivenHow, Scope
from ostoja.consent.models import Consent
from ostoja.partners.models import Organisation


@pytest.fixture
def berlin():
    """The seeded Faire Mobilität advice centre in Berlin (the data migration made it)."""
    return Organisation.objects.get(name="Faire Mobilität", city="Berlin")


@pytest.fixture
def consent_factory(cast):
    def make(case, partner, *, purpose="labour_rights", items=("name", "phone"), scope=Scope.SHARING):
        return consent_services.consent_record(
            consent=Consent(
                case=case, scope=scope, partner=partner, purpose=purpose, items=list(items),
                given_how=GivenHow.SPOKEN, interpreter="Anna Nowak", given_on=timezone.localdate(),
            ),
            actor=cast[Role.CASE_MANAGER],
        )  # fmt: skip

    return make


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _seeded_rows(db):
    """The data migrations' rows, back after a test that flushed the database (ostoja/testing/seeds.py)."""
    from ostoja.testing import seeds

    seeds.ensure()
