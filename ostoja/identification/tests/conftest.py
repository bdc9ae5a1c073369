import pytest

from ostoja.accounts.roles import Role
from ostoja.identification import services
from ostoja.identification.codes import ExploitationKind


@pytest.fixture
def screening_factory(cast):
    def make(for_case, *, kind=ExploitationKind.LABOUR, language="uk", minor=False, answers=None):
        screening = services.screening_start(
            case=for_case, actor=cast[Role.CASE_MANAGER], kind=kind, language=language,
            interpreter_used=True, minor=minor,
            safe_to_talk=True, in_pain=False, needs_doctor=False, consent=True,
        )  # fmt: skip
        if answers:
            services.screening_save(screening=screening, answers=answers, notes="", step=1)
        return screening

    return make
