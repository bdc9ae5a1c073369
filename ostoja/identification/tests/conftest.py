import pytest

from ostoja.accounts.roles import Role
from ostoja.cases.tests.conftest import case, case_factory, person_factory  # noqa: F401
from ostoja.identification import services
from ostoja.identification.codes import ExploitationKind


@pytest.fixture
def screening_factory(cast):
    def make(for_case, *, kind=ExploitationKind.LABOUR, language="uk", minor=False, answers=None):
        screening = services.screening_start(
            case=for_case, actor=cast[Role.CASE_MANAGER], kind=kind, language=language,
            interpreter_used=True, minor=minor,
        )  # fmt: skip
        if answers:
            services.screening_save(screening=screening, answers=answers, notes="", step=1)
        return screening

    return make
