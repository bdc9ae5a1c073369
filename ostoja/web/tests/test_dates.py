"""Dates for the whole project: ISO in every input, a window for every accepted date, one display format
per language, and no page that a stored date can take down (see ostoja/dates.py)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.utils import timezone, translation

import ostoja
from ostoja import dates

WARSAW = ZoneInfo("Europe/Warsaw")
TEMPORAL = (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField)
TEMPORAL_WIDGETS = (forms.DateInput, forms.DateTimeInput, forms.TimeInput, forms.SplitDateTimeWidget)
SKIP_MODULES = ("tests", "migrations", "testing")


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined anywhere in the project (apps, public site, shell)."""
    for info in pkgutil.walk_packages(ostoja.__path__, "ostoja."):
        parts = info.name.split(".")
        if any(part in SKIP_MODULES for part in parts) or info.name in (
            "ostoja.cli",
            "ostoja.asgi",
            "ostoja.wsgi",
        ):
            continue
        importlib.import_module(info.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ostoja.") and ".tests." not in sub.__module__:
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = project_form_classes()


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English unless a test switches the language itself.
    with translation.override("en"):
        yield


def temporal_fields(form_class) -> list[tuple[str, forms.Field]]:
    return [
        (name, field)
        for name, field in form_class.base_fields.items()
        if isinstance(field, TEMPORAL) or isinstance(field.widget, TEMPORAL_WIDGETS)
    ]


def test_the_walk_finds_the_forms_with_dates():
    names = {f"{c.__module__}.{c.__qualname__}" for c in FORMS if temporal_fields(c)}
    for expected in (
        "ostoja.cases.forms.PersonEditForm",
        "ostoja.cases.forms.OpenCaseForm",
        "ostoja.hotline.forms.ContactForm",
        "ostoja.hotline.forms.MeetingEditForm",
        "ostoja.hotline.forms.ShiftForm",
        "ostoja.hotline.forms.ActionForm",
        "ostoja.identification.forms.StatusForm",
        "ostoja.identification.forms.JourneyForm",
        "ostoja.audit.forms.AuditFilterForm",
    ):
        assert expected in names


@pytest.mark.parametrize("form_class", [c for c in FORMS if temporal_fields(c)], ids=lambda c: c.__qualname__)
def test_every_date_field_uses_the_shared_fields_and_iso_widgets(form_class):
    """A date, time or date-time field anywhere must come from ostoja.dates: ISO widget, and a window."""
    for name, field in temporal_fields(form_class):
        where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
        assert isinstance(field, dates.DateField | dates.DateTimeField | dates.TimeField), (
            f"{where}: use ostoja.dates.DateField/DateTimeField/TimeField (with a window from ostoja.dates)"
        )
        assert isinstance(field.widget, dates.ISO_WIDGETS), (
            f"{where}: the widget must be one of ostoja.dates'"
        )
        if not isinstance(field, dates.TimeField):
            assert field.window in dates.WINDOWS.values(), f"{where}: give the field a window"


SAMPLES = {
    forms.DateTimeField: (dt.datetime(1998, 8, 12, 21, 5, tzinfo=WARSAW), "1998-08-12T21:05"),
    forms.DateField: (dt.date(1998, 8, 12), "1998-08-12"),
    forms.TimeField: (dt.time(21, 5), "21:05"),
}


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("form_class", [c for c in FORMS if temporal_fields(c)], ids=lambda c: c.__qualname__)
def test_every_date_input_renders_iso_whatever_the_language(form_class, language):
    """What broke the date of birth: the Polish format in an <input type=date>, which then shows empty."""
    for name, field in temporal_fields(form_class):
        kind = next(k for k in SAMPLES if isinstance(field, k))
        value, iso = SAMPLES[kind]
        with translation.override(language):
            html = field.widget.render(name, field.prepare_value(value))
        assert f'value="{iso}"' in html, f"{form_class.__qualname__}.{name} in {language}: {html}"


def test_a_date_of_birth_survives_the_polish_form(db):
    from ostoja.cases.forms import PersonEditForm

    with translation.override("pl"):
        html = str(PersonEditForm(initial={"date_of_birth": dt.date(1998, 8, 12)})["date_of_birth"])
    assert 'type="date"' in html and 'value="1998-08-12"' in html


def test_a_stored_value_no_calendar_can_hold_still_renders_in_a_form():
    field = dates.DateTimeField(window=dates.MEETING)
    assert (
        field.widget.render("x", field.prepare_value(dates.TOO_LATE)).count('value="9999-12-31T23:59"') == 1
    )
    assert 'value="0001-01-01' in field.widget.render("x", field.prepare_value(dates.TOO_EARLY))


# --- Windows ------------------------------------------------------------------------------------

# Moments where date arithmetic goes wrong: New Year's Eve, a leap day, both DST changes in Warsaw.
AWKWARD = [
    dt.datetime(2026, 12, 31, 23, 59, tzinfo=WARSAW),
    dt.datetime(2028, 2, 29, 0, 1, tzinfo=WARSAW),
    dt.datetime(2026, 3, 29, 3, 30, tzinfo=WARSAW),
    dt.datetime(2026, 10, 25, 2, 30, tzinfo=WARSAW),
]


@pytest.mark.parametrize("now", AWKWARD, ids=lambda n: n.isoformat())
def test_the_birth_window_is_the_last_120_years_and_not_the_future(now):
    with time_machine.travel(now, tick=False):
        today = now.date()
        assert dates.BIRTH.problem(today) is None
        assert dates.BIRTH.problem(today - dt.timedelta(days=365 * 119)) is None
        assert "future" in dates.BIRTH.problem(today + dt.timedelta(days=1))
        assert "Check the year" in dates.BIRTH.problem(today - dt.timedelta(days=366 * 121))
        assert dates.BIRTH.problem(dt.date(1, 1, 1)) and dates.BIRTH.problem(dt.date(9999, 12, 31))


@pytest.mark.parametrize("now", AWKWARD, ids=lambda n: n.isoformat())
def test_a_call_lies_in_the_last_days_and_not_in_the_future(now):
    with time_machine.travel(now, tick=False):
        assert dates.CALL.problem(now - dt.timedelta(days=6, hours=23)) is None
        assert dates.CALL.problem(now + dt.timedelta(minutes=4)) is None
        assert dates.CALL.problem(now - dt.timedelta(days=8))
        assert dates.CALL.problem(now + dt.timedelta(hours=1))


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
        dt.datetime(1, 1, 1, tzinfo=WARSAW),
        dates.TOO_EARLY,
        dates.TOO_LATE,
    ],
    ids=["year1+14", "year9999-12", "year1-warsaw", "too-early", "too-late"],
)
@pytest.mark.parametrize("window", list(dates.WINDOWS.values()), ids=lambda w: w.code)
def test_every_window_refuses_the_ends_of_the_calendar_without_raising(window, value):
    assert window.problem(value)
    assert window.problem(value.date())


def test_the_messages_name_the_limit_in_the_readers_format():
    with time_machine.travel(dt.datetime(2026, 11, 28, 12, 0, tzinfo=WARSAW), tick=False):
        with translation.override("pl"):
            assert "28.11.1906" in dates.BIRTH.problem(dt.date(1900, 1, 1))
        with translation.override("en"):
            assert "28 Nov 1906" in dates.BIRTH.problem(dt.date(1900, 1, 1))


class _MeetingForm(forms.Form):
    when = dates.DateTimeField(window=dates.MEETING)
    day = dates.DateField(window=dates.BIRTH, required=False)


def test_a_value_outside_the_window_is_refused_next_to_the_field():
    with time_machine.travel(dt.datetime(2026, 11, 28, 12, 0, tzinfo=WARSAW), tick=False):
        form = _MeetingForm(data={"when": "0001-01-01T00:00", "day": "9999-12-31"})
        assert not form.is_valid()
        assert "cannot be recorded" in form.errors["when"][0]
        assert "future" in form.errors["day"][0]
        # What was typed stays in the form.
        assert 'value="0001-01-01T00:00"' in str(form["when"])


def test_the_stored_value_may_be_saved_again_unchanged_but_not_a_new_one_as_old():
    old = dt.datetime(2020, 3, 2, 10, 0, tzinfo=WARSAW)  # a meeting long past: outside today's window
    with time_machine.travel(dt.datetime(2026, 11, 28, 12, 0, tzinfo=WARSAW), tick=False):
        unchanged = _MeetingForm(data={"when": "2020-03-02T10:00"}, initial={"when": old})
        assert unchanged.is_valid(), unchanged.errors
        moved = _MeetingForm(data={"when": "2020-03-02T11:00"}, initial={"when": old})
        assert not moved.is_valid()
        # A value passed in a link (a string) is no stored value: it is checked.
        linked = _MeetingForm(data={"when": "2020-03-02T10:00"}, initial={"when": "2020-03-02T10:00"})
        assert not linked.is_valid()


# --- Showing dates -------------------------------------------------------------------------------


def test_one_format_per_language():
    moment = dt.datetime(2026, 11, 28, 22, 57, tzinfo=dt.UTC)  # 23:57 in Warsaw
    day = dt.date(1998, 8, 12)
    with translation.override("pl"):
        assert dates.show(moment) == "28.11.2026 23:57"
        assert dates.show(moment, "date") == dates.show(dt.date(2026, 11, 28)) == "28.11.2026"
        assert dates.show(moment, "time") == "23:57"
        assert dates.show(day) == "12.08.1998"
        assert dates.show(moment, "weekday") == "Sobota, 28.11.2026 23:57"
    with translation.override("en"):
        assert dates.show(moment) == "28 Nov 2026 23:57"
        assert dates.show(day) == "12 Aug 1998"
        assert dates.show(moment, "month") == "Nov 2026"
    assert dates.show(moment, "iso") == "2026-11-28T23:57:00+01:00"
    assert dates.show(moment, "input") == "2026-11-28T23:57"
    assert dates.show(None) == dates.show("") == ""


@pytest.mark.parametrize(
    "value",
    [
        dates.TOO_EARLY,
        dates.TOO_LATE,
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC),
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
    ],
)
@pytest.mark.parametrize("style", ["", "date", "time", "month", "weekday"])
def test_a_value_no_calendar_can_hold_is_shown_as_invalid(value, style):
    with translation.override("en"):
        shown = dates.show(value, style)
    assert shown == "invalid date" or (style == "time" and isinstance(value, dt.date)), shown
    assert dates.show(value, "iso") == "" and dates.show(value, "input") == ""


def test_the_filter_is_the_only_way_staff_templates_show_dates():
    """No hard-coded formats ("Y-m-d H:i") and no Django date filters, which fail on a bad stored value."""
    root = Path(ostoja.__file__).parent
    templates = [*root.glob("templates/**/*.html"), *root.glob("templates/**/*.txt")]
    offending = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in templates
        for match in re.finditer(
            r"\|\s*(date|time|naturaltime|naturalday|timesince|timeuntil)\b[^}]*", path.read_text()
        )
    ]
    assert templates and not offending, offending


def test_plus_holds_at_the_ends_of_the_calendar():
    assert dates.plus(dates.TOO_LATE, dt.timedelta(minutes=15)) == dates.TOO_LATE
    assert dates.plus(dates.TOO_EARLY, -dt.timedelta(minutes=15)) == dates.TOO_EARLY
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert dates.plus(moment, dt.timedelta(hours=1)) == moment + dt.timedelta(hours=1)


# --- The hours the clocks change -----------------------------------------------------------------

WARSAW = ZoneInfo("Europe/Warsaw")


class _CallForm(forms.Form):
    at = dates.DateTimeField(window=dates.CONTACT)


@pytest.mark.parametrize(
    ("clock", "typed", "stored"),
    [
        # 02:40 CEST, the first time round: 02:30 is ten minutes ago in summer time.
        (
            dt.datetime(2027, 10, 31, 0, 40, tzinfo=dt.UTC),
            "2027-10-31T02:30",
            dt.datetime(2027, 10, 31, 0, 30),
        ),
        # 02:40 CET, the second time round: 02:30 is ten minutes ago in winter time, not 70.
        (
            dt.datetime(2027, 10, 31, 1, 40, tzinfo=dt.UTC),
            "2027-10-31T02:30",
            dt.datetime(2027, 10, 31, 1, 30),
        ),
    ],
)
def test_a_time_in_the_repeated_autumn_hour_is_the_one_nearer_now(clock, typed, stored):
    with time_machine.travel(clock, tick=False), timezone.override(WARSAW):
        form = _CallForm({"at": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["at"] == stored.replace(tzinfo=dt.UTC)


def test_a_stored_time_in_the_repeated_hour_saves_unchanged():
    second_time_round = dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)  # 02:30 CET
    clock = dt.datetime(2027, 10, 31, 0, 45, tzinfo=dt.UTC)
    with time_machine.travel(clock, tick=False), timezone.override(WARSAW):
        form = _CallForm({"at": "2027-10-31T02:30"}, initial={"at": second_time_round})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["at"] == second_time_round


def test_a_time_the_spring_change_skips_is_refused_next_to_the_field():
    clock = dt.datetime(2027, 3, 28, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(clock, tick=False), timezone.override(WARSAW):
        form = _CallForm({"at": "2027-03-28T02:30"})
        assert not form.is_valid()
        assert "may not exist" in str(form.errors["at"])
