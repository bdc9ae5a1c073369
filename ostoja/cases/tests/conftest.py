import pytest

from ostoja.accounts.roles import Role
from ostoja.cases import services as case_services
from ostoja.cases.codes import Phase
from ostoja.cases.models import Case
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, Person


@pytest.fixture
def person_factory(cast):
    def make(
        given="Олена", family="Коваленко", given_latin="Olena", family_latin="Kovalenko", phone=None, **fields
    ):
        person = Person(
            given_name=given, family_name=family, given_name_latin=given_latin, family_name_latin=family_latin,
            registered_by=fields.pop("registered_by", cast[Role.CASE_MANAGER]), **fields,
        )  # fmt: skip
        channels = [ContactChannel(kind=ChannelKind.PHONE, value=phone, safety=Safety.SAFE)] if phone else []
        return people_services.person_register(person=person, channels=channels)

    return make


@pytest.fixture
def case_factory(cast, person_factory):
    def make(person=None, manager=None, members=(), **fields):
        case = Case(
            person=person or person_factory(), case_manager=manager or cast[Role.CASE_MANAGER],
            phase=fields.pop("phase", Phase.FOREIGNER_IN_POLAND), **fields,
        )  # fmt: skip
        return case_services.case_open(case=case, members=list(members))

    return make


@pytest.fixture
def case(case_factory):
    return case_factory()
