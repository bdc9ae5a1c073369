"""Apps plug into pages and jobs they do not own in one way: their ``plugin.py`` (ostoja/plugins.py)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.cases import access, timeline
from ostoja.hotline import roster


def test_each_app_that_plugs_in_has_one_plugin():
    names = {config.name for config in apps.get_app_configs() if config.name.startswith("ostoja.")}
    plugged = list(plugins.installed())
    assert len(plugged) == len({id(p) for p in plugged})
    for name in names:
        for old_way in ("integration", "extensions"):
            with pytest.raises(ModuleNotFoundError):
                import_module(f"{name}.{old_way}")


def test_the_on_shift_rule_comes_from_the_app_that_keeps_the_roster():
    assert plugins.on_shift() is roster.is_on_shift
    # Nothing overwrites the need-to-know module's rule at start-up: it asks the registry.
    assert access.on_shift.__module__ == "ostoja.cases.access"


def test_every_app_s_timeline_sources_are_read_from_the_registry():
    kinds = {source.record_type for source in plugins.timeline_sources()}
    assert {"case", "note", "field_change", "contact", "meeting", "screening", "checklist"} <= kinds
    assert all(source in plugins.timeline_sources() for source in timeline.SOURCES)


@pytest.mark.django_db
def test_navigation_comes_from_every_app_in_order(client_for):
    response = client_for(Role.SUPERVISOR).get("/")
    names = [item["url_name"] for item in response.context["navigation"]]
    assert names[0] == "web:dashboard"
    for name in (
        "cases:case_list",
        "hotline:board",
        "identification:confirmations",
        "audit:log",
        "public:admin_home",
    ):
        assert name in names
    assert "accounts:staff_list" not in names  # administrators only
    orders = {item.url_name: item.order for item in plugins.navigation()}
    assert [orders[name] for name in names] == sorted(orders[name] for name in names)


@pytest.mark.django_db
def test_housekeeping_runs_every_app_s_jobs_or_the_one_asked_for(capsys):
    call_command("housekeeping")
    everything = capsys.readouterr().out
    for job in plugins.housekeeping():
        assert str(job.label) in everything
    call_command("housekeeping", job=["break_glass"])
    one = capsys.readouterr().out
    assert one.count(":") == 1
    with pytest.raises(CommandError):
        call_command("housekeeping", job=["no_such_job"])
