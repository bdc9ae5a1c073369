from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.assessments.codes import AtRisk, NeedDomain, Rating, Severity, Threat
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.web.once import OnceField


class NeedsAssessmentForm(forms.ModelForm):
    """The assessment and, per domain, its severity, the person's words and whether they decline help."""

    token = OnceField()

    class Meta:
        model = NeedsAssessment
        fields = ["kind", "mode", "before_return", "assessed_on", "summary"]
        field_classes = {"assessed_on": dates.DateField.within(dates.ASSESSED)}
        widgets = {
            "summary": limits.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "mode": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "mode"):  # a radio button that says nothing is no choice
            self.fields[name].choices = NeedsAssessment._meta.get_field(name).choices
        self.domains = []
        for domain in NeedDomain:
            self.fields[f"{domain}_severity"] = forms.TypedChoiceField(
                label=_("Severity"), choices=Severity.choices, coerce=int, initial=Severity.NONE
            )
            self.fields[f"{domain}_words"] = forms.CharField(
                label=_("In the person's words"), required=False, max_length=limits.SHORT,
                widget=limits.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
            self.fields[f"{domain}_declined"] = forms.BooleanField(
                label=_("The person does not want help with this"), required=False
            )
            self.domains.append(
                {"code": domain.value, "label": domain.label, "fields": [
                    self[f"{domain}_severity"], self[f"{domain}_words"], self[f"{domain}_declined"]
                ]}
            )  # fmt: skip

    def domain_fields(self):
        return {f for d in NeedDomain for f in (f"{d}_severity", f"{d}_words", f"{d}_declined")}

    def visible_main_fields(self):
        names = self.domain_fields()
        return [f for f in self.visible_fields() if f.name not in names]

    def need_values(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "domain": d.value, "severity": data[f"{d}_severity"], "words": data[f"{d}_words"].strip(),
                "declined": data[f"{d}_declined"],
            }
            for d in NeedDomain
        ]  # fmt: skip


class SafetyAssessmentForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = SafetyAssessment
        fields = ["assessed_on", "person_actions", "centre_actions", "who_to_call", "code_word", "review_on"]
        field_classes = {
            "assessed_on": dates.DateField.within(dates.ASSESSED),
            "review_on": dates.DateField.within(dates.DUE),
        }
        widgets = {
            "person_actions": limits.Textarea(attrs={"rows": 3}),
            "centre_actions": limits.Textarea(attrs={"rows": 3}),
            "who_to_call": limits.Textarea(attrs={"rows": 2}),
        }


RATINGS = [("", "—"), *Rating.choices]


class ThreatForm(forms.Form):
    at_risk = forms.ChoiceField(
        label=_("Who is at risk"), choices=[("", "—"), *AtRisk.choices], required=False
    )
    threat = forms.ChoiceField(label=_("Threat"), choices=[("", "—"), *Threat.choices], required=False)
    severity = forms.TypedChoiceField(
        label=_("Severity"), choices=RATINGS, coerce=int, required=False, empty_value=None
    )
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"), choices=RATINGS, coerce=int, required=False, empty_value=None
    )

    def clean(self):
        data = super().clean()
        used = any(data.get(k) for k in ("at_risk", "threat", "severity", "likelihood"))
        if not used:
            return data
        for name, message in (
            ("at_risk", _("Say who is at risk.")),
            ("threat", _("Choose the threat.")),
            ("severity", _("Rate how serious the harm would be: the risk level needs both ratings.")),
            ("likelihood", _("Rate how likely it is: the risk level needs both ratings.")),
        ):
            if not data.get(name):
                self.add_error(name, message)
        return data

    def row(self) -> dict | None:
        data = self.cleaned_data
        if not data or not data.get("threat"):
            return None
        return {k: data[k] for k in ("at_risk", "threat", "severity", "likelihood")}


class BaseThreatFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not [f.row() for f in self.forms if f.row()]:
            raise forms.ValidationError(_("Record at least one threat with both its ratings."))

    def rows(self) -> list[dict]:
        return [row for f in self.forms if (row := f.row())]


ThreatFormSet = forms.formset_factory(
    ThreatForm, formset=BaseThreatFormSet, extra=4, max_num=40, absolute_max=40
)
