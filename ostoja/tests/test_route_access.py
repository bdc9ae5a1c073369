"""Every route the project serves has an access test: a row in its app's route matrix.

Each app's ``tests/test_access.py`` lists its routes (``ROUTES``) and runs every one as every
principal (each role, the break-glass holder, the assigned specialist, an account without a role
and an anonymous visitor). A route added without a row fails here.
"""

from importlib import import_module

from django.apps import apps

from ostoja.testing.access import Route
from ostoja.testing.routes import all_routes


def _matrices() -> dict[str, list[Route]]:
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("ostoja."):
            continue
        try:
            module = import_module(f"{config.name}.tests.test_access")
        except ModuleNotFoundError:
            continue
        assert callable(getattr(module, "test_route_access", None)), f"{module.__name__} runs no matrix"
        found[config.name] = list(module.ROUTES)
    return found


def test_every_route_has_an_access_test():
    covered = {route.name for routes in _matrices().values() for route in routes}
    served = {name for name, _url in all_routes()}
    assert all(served), "every route has a name"
    assert not served - covered, f"routes without an access test: {sorted(served - covered)}"
    assert not covered - served, f"access tests of routes that no longer exist: {sorted(covered - served)}"


def test_no_route_is_listed_twice():
    names = [route.name for routes in _matrices().values() for route in routes]
    assert len(names) == len(set(names))


def test_reads_are_audited_by_the_access_helpers_not_by_the_views():
    """A view never writes the audit row of a read itself (it would have to turn the helper's off)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    views = [*root.glob("*/views.py"), *root.glob("*/views/*.py")]
    assert views
    offenders = [
        str(path.relative_to(root))
        for path in views
        if re.search(r"""action=["']view["']|record\(request, ["']view["']|audit_action""", path.read_text())
    ]
    assert not offenders, f"views writing their own read rows: {offenders}"
