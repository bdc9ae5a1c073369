"""Dates and times, in one place: the window each kind of date must lie in, the form fields and
widgets every form uses for them, and how a stored date is shown.

1. **Inputs speak ISO.** ``<input type="date">`` (and ``datetime-local``, ``time``) accepts only
   ISO values; a value rendered in the reader's format (``12.08.1998``) shows as empty and the next
   save erases it. The widgets here always render ISO, whatever the language.
2. **Every accepted date lies in a sane window for what it means** (``WINDOWS``): a call in the
   last days, a birth date in the last 120 years, a meeting in the coming years. The form fields
   here refuse anything else with a message next to the field; the telephony API uses the same
   windows. A value the form was opened with (already stored) may be saved again unchanged.
3. **Showing a date never fails** (``show``, the ``when`` template filter): one format per
   language (``ostoja/formats``), in the centre's time zone; a stored value no calendar can hold
   (year 1, year 9999 with an offset, left by an older version or written by hand) is shown as
   "invalid date" instead of taking the page down. ``ostoja.web.storeddates`` makes such values
   readable from the database in the first place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import dateformat, formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

# Outside these years no date in the centre's work makes sense: such a stored value is shown as invalid.
PLAUSIBLE_YEARS = range(1850, 2200)
# What the database layer hands over for a stored value outside what Python can represent.
TOO_EARLY = dt.datetime.min.replace(tzinfo=dt.UTC)
TOO_LATE = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Span:
    """A length of calendar time; years move the date (29 February becomes 28 February)."""

    years: int = 0
    days: int = 0
    minutes: int = 0

    def before(self, moment):
        return _add_years(moment, -self.years) - dt.timedelta(days=self.days, minutes=self.minutes)

    def after(self, moment):
        return _add_years(moment, self.years) + dt.timedelta(days=self.days, minutes=self.minutes)


def _add_years(moment, years: int):
    if not years:
        return moment
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year without one
        return moment.replace(year=moment.year + years, day=28)


@dataclass(frozen=True)
class Window:
    """Where a kind of date may lie, relative to now, and what to tell whoever enters one outside it.

    ``too_early`` and ``too_late`` may use ``%(limit)s``, the first or last allowed value, shown
    in the reader's format.
    """

    code: str
    back: Span
    ahead: Span
    too_early: str | Promise
    too_late: str | Promise

    def bounds(self, *, day: bool, now: dt.datetime | None = None):
        """(earliest, latest) allowed: dates for a date field, aware datetimes otherwise."""
        now = now or timezone.now()
        if day:
            today = timezone.localdate(now)
            return self.back.before(today), self.ahead.after(today)
        return self.back.before(now), self.ahead.after(now)

    def problem(self, value, *, now: dt.datetime | None = None) -> str | None:
        """None if ``value`` (a date or an aware datetime) lies in the window, else the message to show."""
        day = not isinstance(value, dt.datetime)
        earliest, latest = self.bounds(day=day, now=now)
        try:
            early, late = value < earliest, value > latest
        except OverflowError:  # a datetime so near year 1 or 9999 that it cannot be moved to UTC
            early, late = value.year < 5000, value.year >= 5000
        if early:
            return str(self.too_early) % {"limit": show(earliest, "date" if day else "")}
        if late:
            return str(self.too_late) % {"limit": show(latest, "date" if day else "")}
        return None

    def check(self, value, *, field: str | None = None, now: dt.datetime | None = None) -> None:
        """Raises ValidationError (for ``field`` if given) when ``value`` lies outside the window."""
        message = self.problem(value, now=now)
        if message:
            raise ValidationError({field: message} if field else message, code="out_of_window")


_FUTURE = Span(minutes=5)  # clocks differ a little; "now" typed by hand may be a minute ahead

BIRTH = Window(
    "birth", Span(years=120), Span(),
    gettext_lazy("A date of birth before %(limit)s cannot be right. Check the year."),
    gettext_lazy("The date of birth cannot be in the future."),
)  # fmt: skip
CASE_OPENED = Window(
    "case_opened", Span(years=30), Span(),
    gettext_lazy("A case cannot have been opened before %(limit)s. Check the year."),
    gettext_lazy("A case cannot be opened on a future date."),
)  # fmt: skip
AUTHORITY_DECISION = Window(
    "authority_decision", Span(years=30), Span(),
    gettext_lazy("A decision before %(limit)s cannot be right. Check the year."),
    gettext_lazy("The decision cannot be dated in the future."),
)  # fmt: skip
JOURNEY = Window(
    "journey", Span(years=120), Span(),
    gettext_lazy("A date before %(limit)s cannot be right. Check the year."),
    gettext_lazy("Record where the person has been, not a future date."),
)  # fmt: skip
CONTACT = Window(
    "contact", Span(years=1), _FUTURE,
    gettext_lazy("A contact from before %(limit)s cannot be logged here. Check the date."),
    gettext_lazy("A contact cannot be logged in the future."),
)  # fmt: skip
CALL = Window(
    "call", Span(days=7), _FUTURE,
    gettext_lazy("A call from before %(limit)s is too old to be reported."),
    gettext_lazy("A call cannot be in the future."),
)  # fmt: skip
INTERVENTION_ACTION = Window(
    "intervention_action", Span(days=30), _FUTURE,
    gettext_lazy("An action before %(limit)s cannot belong to an open intervention. Check the date."),
    gettext_lazy("Record what was done, not what is planned."),
)  # fmt: skip
MEETING = Window(
    "meeting", Span(years=1), Span(years=3),
    gettext_lazy("A meeting before %(limit)s cannot be recorded. Check the date."),
    gettext_lazy("Meetings can be planned up to %(limit)s. Check the year."),
)  # fmt: skip
SHIFT = Window(
    "shift", Span(days=90), Span(years=2),
    gettext_lazy("A shift before %(limit)s cannot be added. Check the date."),
    gettext_lazy("The roster is planned up to %(limit)s. Check the year."),
)  # fmt: skip
DUE = Window(
    "due", Span(), Span(years=5),
    gettext_lazy("This date cannot be in the past. Choose today or a later day."),
    gettext_lazy("Dates can be set up to %(limit)s. Check the year."),
)  # fmt: skip
ASSESSED = Window(
    "assessed", Span(years=1), Span(),
    gettext_lazy("A record from before %(limit)s cannot be added here. Check the date."),
    gettext_lazy("Record what was done, not a future date."),
)  # fmt: skip
AUDIT_DAY = Window(
    "audit_day", Span(years=30), Span(days=1),
    gettext_lazy("The audit log has nothing before %(limit)s."),
    gettext_lazy("The audit log has nothing after %(limit)s."),
)  # fmt: skip
CONSENT = Window(
    "consent", Span(years=30), Span(),
    gettext_lazy("A consent given before %(limit)s cannot be right. Check the year."),
    gettext_lazy("Record a consent the person has given, not a future date."),
)  # fmt: skip
FOLLOW_UP = Window(
    "follow_up", Span(days=1), Span(years=2),
    gettext_lazy("A follow-up is planned from today on."),
    gettext_lazy("A follow-up can be planned up to %(limit)s. Check the year."),
)  # fmt: skip
CONSULTATION = Window(
    "consultation", Span(years=1), _FUTURE,
    gettext_lazy("A consultation from before %(limit)s cannot be logged here. Check the date."),
    gettext_lazy("Log a consultation that took place, not a future one."),
)  # fmt: skip
TEXT_REVIEW = Window(
    "text_review", Span(years=30), Span(),
    gettext_lazy("A review before %(limit)s cannot be right. Check the year."),
    gettext_lazy("A review cannot be dated in the future."),
)  # fmt: skip
VALIDITY = Window(
    "validity", Span(years=30), Span(years=5),
    gettext_lazy("A date before %(limit)s cannot be right. Check the year."),
    gettext_lazy("A document valid beyond %(limit)s cannot be right. Check the year."),
)  # fmt: skip
PLACEMENT = Window(
    "placement", Span(years=2), Span(years=1),
    gettext_lazy("A stay before %(limit)s cannot be recorded here. Check the year."),
    gettext_lazy("A stay can be booked up to %(limit)s. Check the year."),
)  # fmt: skip
STATISTICS_DAY = Window(
    "statistics_day", Span(years=40), Span(),
    gettext_lazy("The statistics hold nothing before %(limit)s."),
    gettext_lazy("Statistics cannot count days that have not happened yet."),
)  # fmt: skip
DOCUMENT_STEP = Window(
    "document_step", Span(years=10), Span(),
    gettext_lazy("A date before %(limit)s cannot belong to a document being restored. Check the year."),
    gettext_lazy("Record what has happened: this date cannot be in the future."),
)  # fmt: skip
DOCUMENT_EXPECTED = Window(
    "document_expected", Span(years=1), Span(years=5),
    gettext_lazy("An expected date before %(limit)s cannot be right. Check the year."),
    gettext_lazy("An expected date can be set up to %(limit)s. Check the year."),
)  # fmt: skip

RETENTION_POSTPONE = Window(
    "retention_postpone", Span(days=-1), Span(years=10),
    gettext_lazy("A record can be kept from tomorrow on. Choose a later day."),
    gettext_lazy("A record can be kept until %(limit)s at most; postpone it again then."),
)  # fmt: skip

WINDOWS: dict[str, Window] = {
    w.code: w
    for w in (
        BIRTH, CASE_OPENED, AUTHORITY_DECISION, JOURNEY, CONTACT, CALL, INTERVENTION_ACTION, MEETING,
        SHIFT, DUE, ASSESSED, AUDIT_DAY, TEXT_REVIEW, CONSENT, FOLLOW_UP, CONSULTATION, VALIDITY, STATISTICS_DAY,
        RETENTION_POSTPONE,
        PLACEMENT,
        DOCUMENT_STEP, DOCUMENT_EXPECTED,
    )
}  # fmt: skip


# --- Widgets: ISO whatever the language -------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


ISO_WIDGETS = (DateInput, DateTimeInput, TimeInput)


# --- Form fields: ISO widget, and a window for every date -------------------------------------


class _Windowed:
    """Checks the value against the field's window, unless it is the stored value, unchanged."""

    window: Window | None = None

    def __init__(self, *args, window: Window | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if window is not None:
            self.window = window
        if self.window is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a window (see ostoja.dates.WINDOWS).")

    @classmethod
    def within(cls, window: Window) -> type:
        """This field class with ``window`` as its default: for ``Meta.field_classes`` of a ModelForm."""
        return type(f"{cls.__name__}_{window.code}", (cls,), {"window": window})

    def get_bound_field(self, form, field_name):
        # Each form has its own copy of the field: remember where to find the value it was opened with.
        self._opened_with = lambda: form.get_initial_for_field(self, field_name)
        return super().get_bound_field(form, field_name)

    def _unchanged(self, value) -> bool:
        opened_with = getattr(self, "_opened_with", lambda: None)()
        if not isinstance(opened_with, dt.date):  # a value typed or passed in a link is checked
            return False
        if isinstance(value, dt.datetime) and isinstance(opened_with, dt.datetime):
            try:
                return value.replace(second=0, microsecond=0) == opened_with.replace(second=0, microsecond=0)
            except (OverflowError, TypeError):
                return False
        return type(value) is type(opened_with) and value == opened_with

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values or self._unchanged(value):
            return
        message = self.window.problem(value)
        if message:
            raise ValidationError(message, code="out_of_window")


class DateField(_Windowed, forms.DateField):
    widget = DateInput


class DateTimeField(_Windowed, forms.DateTimeField):
    """A local date and time; the hour the clocks repeat in autumn is resolved, not refused.

    Django refuses a wall time that occurs twice (02:30 on the last Sunday of October) or never
    (02:30 on the last Sunday of March). The skipped hour is refused with Django's message; of the
    two moments a repeated wall time names, the field takes the one the form was opened with (so a
    stored value saves unchanged), otherwise the one nearer to now — a call logged at 02:30 on that
    night happened in the last minutes, not an hour before them or an hour ahead.
    """

    widget = DateTimeInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            with timezone.override(dt.UTC):  # the same wall time, read where it is never ambiguous
                wall = super().to_python(value).replace(tzinfo=None)
            zone = timezone.get_current_timezone()
            earlier, later = (wall.replace(tzinfo=zone, fold=fold).astimezone(dt.UTC) for fold in (0, 1))
            if earlier.astimezone(zone).replace(tzinfo=None) != wall:  # a wall time the clocks skip
                raise
            opened_with = getattr(self, "_opened_with", lambda: None)()
            if isinstance(opened_with, dt.datetime) and timezone.is_aware(opened_with):
                for moment in (earlier, later):
                    if moment == opened_with.replace(second=0, microsecond=0):
                        return moment
            now = timezone.now()
            return min((earlier, later), key=lambda moment: abs(moment - now))

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            try:
                return timezone.localtime(value).replace(tzinfo=None)
            except (OverflowError, ValueError):
                # Cannot be moved to the centre's time: shown as stored, so it is seen and corrected.
                return value.astimezone(dt.UTC).replace(tzinfo=None)
        return value


class TimeField(forms.TimeField):
    """A time of day has no window; the widget still renders ISO."""

    widget = TimeInput


# --- Showing dates ------------------------------------------------------------------------------

_STYLES = {
    "date": "DATE_FORMAT",
    "time": "TIME_FORMAT",
    "month": "YEAR_MONTH_FORMAT",
    "datetime": "DATETIME_FORMAT",
}


def invalid_text() -> str:
    return gettext("invalid date")


def local(value):
    """An aware datetime in the centre's time zone; None if it cannot be (out of every calendar)."""
    if not timezone.is_aware(value):
        return value
    try:
        return timezone.localtime(value)
    except (OverflowError, ValueError):
        return None


def show(value, style: str = "") -> str:
    """``value`` as the reader reads dates, in the centre's time zone. Never raises.

    Styles: "" (the value's own kind: a date, or a date and time), "date" (the day of a datetime),
    "time", "month" (month and year), "weekday" (the weekday, then the date and time), "iso"
    (ISO 8601 for ``<time datetime>``), "input" (the local ISO form an input or a link takes).
    An empty value gives ""; a value that cannot be a real date gives "invalid date".
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        moment = local(value)
        if moment is None or moment.year not in PLAUSIBLE_YEARS:
            return "" if style in ("iso", "input") else invalid_text()
        if style == "iso":
            return moment.isoformat(timespec="seconds")
        if style == "input":
            return moment.strftime("%Y-%m-%dT%H:%M")
        if style == "weekday":
            return f"{dateformat.format(moment, 'l')}, {formats.date_format(moment, 'DATETIME_FORMAT')}"
        return formats.date_format(moment, _STYLES.get(style, "DATETIME_FORMAT"))
    if isinstance(value, dt.date):
        if value.year not in PLAUSIBLE_YEARS:
            return "" if style in ("iso", "input") else invalid_text()
        if style in ("iso", "input"):
            return value.isoformat()
        if style == "weekday":
            return f"{dateformat.format(value, 'l')}, {formats.date_format(value, 'DATE_FORMAT')}"
        return formats.date_format(value, "YEAR_MONTH_FORMAT" if style == "month" else "DATE_FORMAT")
    if isinstance(value, dt.time):
        return value.isoformat("minutes") if style in ("iso", "input") else formats.time_format(value)
    return str(value)


def plus(value: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """``value + delta``, held at the ends of the calendar instead of overflowing."""
    try:
        return value + delta
    except OverflowError:
        return TOO_LATE if delta > dt.timedelta(0) else TOO_EARLY
