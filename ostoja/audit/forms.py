"""Forms of the audit app: the audit viewer's filters and the break-glass reason."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits, plugins
from ostoja.audit.models import BREAK_GLASS_REASON_MIN_LENGTH, Action, AuditEvent, AuditObject
from ostoja.audit.services import (
    BREAK_GLASS_REASON_MAX_LENGTH,
    MAX_OBJECT_ID,
    clean_reason,
)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.username})" if full_name else obj.username


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the centre's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditFilterForm(forms.Form):
    """Filters of the audit viewer, sent by GET. Every value is an id or a code, never a name,
    so the query string carries no personal data."""

    actor = StaffChoiceField(
        label=_("Staff member"),
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label=_("Anyone"),
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any action")), *Action.choices], required=False
    )
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=32,
        required=False,
        help_text=_("Everything done with the case and its person, e.g. 2026/0042."),
    )
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    # Set by links from other pages ("in the audit log"); never typed, never shown.
    object_id = forms.IntegerField(
        min_value=1, max_value=MAX_OBJECT_ID, required=False, widget=forms.HiddenInput
    )
    date_from = dates.DateField(window=dates.AUDIT_DAY, label=_("From (date)"), required=False)
    date_to = dates.DateField(window=dates.AUDIT_DAY, label=_("To (date, inclusive)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = sorted(plugins.record_kinds().values(), key=lambda kind: str(kind.label))
        self.fields["object_type"].choices = [
            ("", _("Any kind")),
            *((kind.code, capfirst(kind.label)) for kind in kinds),
        ]

    def clean_case_number(self) -> str:
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return ""
        case = plugins.record_kinds().get("case")
        self.case_refs = case.find(number) if case and case.find else []
        if not self.case_refs:
            raise forms.ValidationError(_("No case has this number. Check it, e.g. 2026/0042."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("object_id") and not cleaned.get("object_type") and "object_type" not in self.errors:
            self.add_error("object_type", _("Choose the kind of record too."))
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("This date is before the start date."))
        return cleaned

    def used_filters(self) -> list[str]:
        """The names (not the values) of the filters in use, for the audit row of this viewing."""
        return sorted(name for name, value in self.cleaned_data.items() if value not in (None, ""))

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """Narrows ``events`` by the cleaned filters; dates are days in the centre's time zone.

        A record id goes through the (object_type, object_id, event) index of the audited
        records, so it also finds lists and searches that showed the record among others.
        """
        data = self.cleaned_data
        if data.get("actor"):
            events = events.filter(actor_id=data["actor"].pk)
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("case_number"):
            about = Q()
            for object_type, object_id in self.case_refs:
                about |= Q(object_type=object_type, object_id=object_id)
            events = events.filter(pk__in=AuditObject.objects.filter(about).values("event_id"))
        if data.get("object_id"):
            shown = AuditObject.objects.filter(object_type=data["object_type"], object_id=data["object_id"])
            events = events.filter(pk__in=shown.values("event_id"))
        elif data.get("object_type"):
            events = events.filter(object_type=data["object_type"])
        if data.get("date_from"):
            events = events.filter(at__gte=start_of_day(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=start_of_day(data["date_to"] + timedelta(days=1)))
        return events


class ReviewForm(forms.Form):
    """A supervisor's review of a break-glass grant: what they found, in a few words."""

    comment = forms.CharField(
        label=_("What you found"), max_length=1000, required=False,
        widget=limits.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. justified, the team was unreachable; or what was discussed with the colleague."),
    )  # fmt: skip


class BreakGlassForm(forms.Form):
    """The written reason asked for before opening a record outside one's team."""

    reason = forms.CharField(
        label=_("Why do you need access to this record?"),
        widget=limits.Textarea(attrs={"rows": 3}),
        max_length=BREAK_GLASS_REASON_MAX_LENGTH,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext(
            "At least %(minimum)d characters. Describe the work, not the person: "
            "no names or details about them."
        ) % {"minimum": BREAK_GLASS_REASON_MIN_LENGTH}

    def clean_reason(self) -> str:
        return clean_reason(self.cleaned_data["reason"])
