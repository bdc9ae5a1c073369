"""The period the statistics page counts."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS as MONTHS_NAMES
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.identification.profile_codes import ExploitationForm
from ostoja.statistics.case_export import FIELDS as FIELD_CHOICES
from ostoja.statistics.models import ReportCategory
from ostoja.versions import VersionField
from ostoja.web.once import OnceField


class Kind:
    MONTH, QUARTER, YEAR, CUSTOM, ALL = "month", "quarter", "year", "custom", "all"


KINDS = [
    (Kind.MONTH, _("Month")),
    (Kind.QUARTER, _("Quarter")),
    (Kind.YEAR, _("Year")),
    (Kind.CUSTOM, _("Custom dates")),
    (Kind.ALL, _("Everything on record (with imported cases without a year)")),
]
MONTHS = list(MONTHS_NAMES.items())
QUARTERS = [(q, f"Q{q}") for q in range(1, 5)]


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date | None  # None: from the first record (Kind.ALL)
    end: dt.date

    @property
    def everything(self) -> bool:
        return self.kind == Kind.ALL

    def whole_years(self) -> list[int]:
        """The calendar years wholly inside the period: imported cases carry only their year."""
        if self.start is None:
            return []
        first = self.start.year if self.start == dt.date(self.start.year, 1, 1) else self.start.year + 1
        last = self.end.year if self.end == dt.date(self.end.year, 12, 31) else self.end.year - 1
        return list(range(first, last + 1))

    def previous(self) -> Period | None:
        if self.start is None:
            return None
        if self.kind == Kind.MONTH:
            end = self.start - dt.timedelta(days=1)
            return Period(self.kind, end.replace(day=1), end)
        if self.kind == Kind.QUARTER:
            end = self.start - dt.timedelta(days=1)
            return Period(self.kind, dt.date(end.year, end.month - 2, 1), end)
        if self.kind == Kind.YEAR:
            return Period(self.kind, dt.date(self.start.year - 1, 1, 1), dt.date(self.start.year - 1, 12, 31))
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(self.kind, end - length, end)


def _years() -> list[tuple[int, int]]:
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - 40, -1)]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=KINDS, initial=Kind.YEAR)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years, required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=QUARTERS, required=False)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=MONTHS, required=False)
    start = dates.DateField(window=dates.STATISTICS_DAY, label=_("From (date)"), required=False)
    end = dates.DateField(window=dates.STATISTICS_DAY, label=_("To (date, inclusive)"), required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if kind == Kind.CUSTOM:
            if not data.get("start") and "start" not in self.errors:
                self.add_error("start", _("Give the first day of the period."))
            if not data.get("end") and "end" not in self.errors:
                self.add_error("end", _("Give the last day of the period."))
            if data.get("start") and data.get("end") and data["end"] < data["start"]:
                self.add_error("end", _("The period cannot end before it starts."))
        elif kind in (Kind.MONTH, Kind.QUARTER, Kind.YEAR) and not data.get("year"):
            self.add_error("year", _("Choose the year."))
        elif kind == Kind.MONTH and not data.get("month"):
            self.add_error("month", _("Choose the month."))
        elif kind == Kind.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        return data

    def period_chosen(self) -> Period:
        data = self.cleaned_data
        kind = data["period"]
        today = timezone.localdate()
        if kind == Kind.ALL:
            return Period(kind, None, today)
        if kind == Kind.CUSTOM:
            return Period(kind, data["start"], data["end"])
        year = data["year"]
        if kind == Kind.YEAR:
            return Period(kind, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if kind == Kind.QUARTER:
            first = 3 * (data["quarter"] - 1) + 1
            last = first + 2
            return Period(
                kind, dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
            )
        month = data["month"]
        return Period(
            kind, dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        )


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year of the report"), coerce=int, choices=_years)
    token = OnceField()


class CategoryForm(forms.ModelForm):
    version = VersionField()
    profile_codes = forms.MultipleChoiceField(
        label=_("Counted from these forms of exploitation"), choices=ExploitationForm.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = ReportCategory
        fields = ["label_pl", "label_en", "profile_codes", "confirmed"]


class CaseExportForm(forms.Form):
    fields = forms.MultipleChoiceField(
        label=_("Fields"), choices=lambda: [(k, v) for k, v in FIELD_CHOICES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one field.")},
    )  # fmt: skip
    file_format = forms.ChoiceField(
        label=_("Format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")], initial="xlsx"
    )
    purpose = forms.CharField(
        label=_("Purpose of the export"), max_length=limits.SHORT, widget=limits.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the data is exported.")},
    )  # fmt: skip
    token = OnceField()
