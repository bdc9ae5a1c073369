"""The supervisor's decision on a record due for retention, and ordering and handing over a copy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.retention.codes import CopyFormat, CopyLanguage, Decision, HandOver, PostponeReason
from ostoja.versions import VersionField
from ostoja.web.once import OnceField


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to the record.")},
    )  # fmt: skip
    until = dates.DateField(
        label=_("Keep until"), required=False, window=dates.RETENTION_POSTPONE,
        help_text=_("Only when postponing. The record comes back to this list on that day."),
    )  # fmt: skip
    reason = forms.ChoiceField(
        label=_("Reason for postponing"), choices=[("", "—"), *PostponeReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=limits.SHORT, required=False, widget=limits.Textarea(attrs={"rows": 3}),
        help_text=_("Kept encrypted. Needed when the reason is another one."),
    )  # fmt: skip
    version = VersionField()

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.POSTPONE:
            if not data.get("until") and "until" not in self.errors:
                self.add_error("until", _("Say until when the record is kept."))
            if not data.get("reason"):
                self.add_error("reason", _("Say why the record is kept longer."))
            elif data.get("reason") == PostponeReason.OTHER and not (data.get("note") or "").strip():
                self.add_error("note", _("Write the reason."))
        return data


class CopyOrderForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the copy"), choices=CopyLanguage.choices,
        help_text=_("The copy is written in Polish or English; it says so when the person speaks neither."),
    )  # fmt: skip
    token = OnceField()


class HandOverForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why you download it"), choices=HandOver.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you download the copy.")},
    )  # fmt: skip
    file_format = forms.ChoiceField(label=_("Format"), choices=CopyFormat.choices, initial=CopyFormat.PDF)
