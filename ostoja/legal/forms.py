"""The forms of legal matters: every date ISO and in its window; every choice in words. A new record's
form carries a one-time token, a changed record's form the version it was opened with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument
from ostoja.versions import VersionField
from ostoja.web.once import OnceField


class ProceedingForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Proceeding
        fields = ["role", "authority", "reference", "stage", "lawyer"]
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Proceeding._meta.get_field("role").choices


class NewProceedingForm(ProceedingForm):
    token = OnceField()
    version = None  # type: ignore[assignment]


class HearingForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Hearing
        fields = ["held_on", "place", "interpreter", "companion"]
        field_classes = {"held_on": dates.DateField.within(dates.MEETING)}


class NewHearingForm(HearingForm):
    token = OnceField()
    version = None  # type: ignore[assignment]


class DecisionForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = CooperationDecision
        fields = ["decision", "decided_on", "words"]
        field_classes = {"decided_on": dates.DateField.within(dates.AUTHORITY_DECISION)}
        widgets = {"decision": forms.RadioSelect, "words": limits.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = CooperationDecision._meta.get_field("decision").choices


class ResidenceForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = ResidenceDocument
        fields = [
            "kind",
            "status",
            "applied_on",
            "valid_from",
            "valid_until",
            "for_minor",
            "issued_by",
            "reference",
        ]
        field_classes = {
            "applied_on": dates.DateField.within(dates.AUTHORITY_DECISION),
            "valid_from": dates.DateField.within(dates.VALIDITY),
            "valid_until": dates.DateField.within(dates.VALIDITY),
        }
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].help_text = _(
            "For a certificate, leave it empty: it is valid 3 months, 4 for a minor (art. 172 of the Act on "
            "Foreigners)."
        )
        self.fields["applied_on"].help_text = _("For an application still pending.")
        for name in ("kind", "status"):
            self.fields[name].choices = [
                c for c in ResidenceDocument._meta.get_field(name).choices if c[0] != "replaced"
            ]


class MatterForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Matter
        fields = ["kind", "status", "before", "reference", "representative", "notes"]
        widgets = {"notes": limits.Textarea(attrs={"rows": 3})}


class NewMatterForm(MatterForm):
    token = OnceField()
    version = None  # type: ignore[assignment]
