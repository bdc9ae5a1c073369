import pytest
from django.core.management import call_command

from ostoja.accounts.roles import Role
from ostoja.people import services
from ostoja.people.models import Person, SearchToken
from ostoja.people.search import find_persons

pytestmark = pytest.mark.django_db


def make(cast, given, family, **fields):
    person = Person(given_name=given, family_name=family, registered_by=cast[Role.CASE_MANAGER], **fields)
    return services.person_register(person=person)


def test_search_needs_every_word_in_any_order(cast):
    olena = make(cast, "Олена", "Коваленко")
    make(cast, "Олена", "Шевченко")
    assert list(find_persons("kowalenko ołena")) == [olena]
    assert len(find_persons("Olena")) == 2
    assert list(find_persons("Anna Nowak")) == []


def test_search_by_birth_date(cast):
    from datetime import date

    person = make(cast, "Nguyễn Thị", "Hương", date_of_birth=date(1999, 4, 7))
    assert list(find_persons("07.04.1999")) == [person]
    assert list(find_persons("1999-04-07")) == [person]
    assert list(find_persons("Nguyen Thi Huong")) == [person]


def test_tokens_are_the_only_searchable_trace_and_rebuild_restores_them(cast, settings):
    person = make(cast, "Юлія", "Шевченко")
    before = set(SearchToken.objects.values_list("kind", "token"))
    assert before and all(len(token) == 32 for _kind, token in before)
    SearchToken.objects.all().delete()
    assert not find_persons("Julija Szewczenko").exists()
    call_command("rebuild_search_index")
    assert list(find_persons("Julija Szewczenko")) == [person]
    assert set(SearchToken.objects.values_list("kind", "token")) == before


def test_possible_duplicates_by_name_birth_and_phone(cast):
    from datetime import date

    from ostoja.people.models import ContactChannel

    first = make(cast, "Дмитрий", "Кузнецов", date_of_birth=date(1990, 1, 2))
    ContactChannel.objects.create(person=first, kind="phone", value="+380501234567")
    services.refresh_search_tokens(person=first)
    found = services.possible_duplicates(
        names=["Dmitrij Kuzniecow"], date_of_birth=date(1990, 1, 2), phones=["+380 50 123 45 67"]
    )
    assert [c.person_id for c in found] == [first.pk]
    assert found[0].reasons == {"name", "birth", "phone"}
