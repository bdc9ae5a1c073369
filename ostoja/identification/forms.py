from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.identification import indicators
from ostoja.identification.codes import Answer, ExploitationKind, IdStatus, Language
from ostoja.identification.countries import COUNTRY_CODES
from ostoja.identification.models import (
    ExploitationProfile,
    IdentificationStatusChange,
    JourneyCountry,
    Representative,
    Screening,
)
from ostoja.identification.profile_codes import (
    ADDED_IN_2024,
    ExploitationForm,
    LabourType,
    MeansOfControl,
    PerpetratorRole,
    RecruiterRelation,
    SexType,
)
from ostoja.web.once import OnceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScreeningStartForm(forms.Form):
    token = OnceField()
    kind = forms.ChoiceField(
        label=_("Which form of exploitation do the questions cover?"),
        choices=ExploitationKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Start a second screening if both apply."),
    )
    language = forms.ChoiceField(label=_("Language of the person"), choices=Language.choices)
    interpreter_used = forms.BooleanField(label=_("An interpreter is present"), required=False)
    minor = forms.BooleanField(
        label=_("The person is a minor, or was a minor when exploited"),
        required=False,
        help_text=_(
            "The child lists are used: the means (coercion, abuse of vulnerability) are not required."
        ),
    )


class StepForm(forms.Form):
    """The questions of one dimension: one optional answer each, plus the screening's notes."""

    notes = forms.CharField(
        label=_("Notes (only for staff; not read to the person)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, questions: list[indicators.Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for indicator in questions:
            self.fields[f"q_{indicator.code}"] = forms.ChoiceField(
                label=indicator.code,
                choices=[("", _("Not asked")), *Answer.choices],
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, str]:
        return {i.code: self.cleaned_data.get(f"q_{i.code}") or "" for i in self.questions}


class StatusForm(forms.ModelForm):
    class Meta:
        model = IdentificationStatusChange
        fields = ["status", "grounds", "screening", "authority", "authority_other", "decided_on", "reference"]
        widgets = {"grounds": forms.Textarea(attrs={"rows": 3}), "decided_on": DATE}
        help_texts = {
            "grounds": _("Required for a preliminary identification and for “not confirmed”."),
            "authority": _("Required when a competent authority identified the person."),
            "reference": _("The authority's file number, e.g. of the proceedings under art. 189a."),
        }

    def __init__(self, *args, case, allowed: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, IdStatus(s).label) for s in allowed]
        self.fields["screening"].queryset = Screening.objects.filter(case=case).order_by("-started_at")
        self.fields["screening"].label_from_instance = lambda s: (
            f"{timezone.localtime(s.started_at):%Y-%m-%d} — {s.get_indicator_list_display()}"
            f"{' — ' + s.get_recommendation_display() if s.recommendation else ''}"
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why the change is rejected."))
        return cleaned


def _checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class ProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    forms = _checkboxes(
        _("Forms of exploitation"),
        ExploitationForm.choices,
        _(
            "Forced marriage, illegal adoption and exploitation of surrogacy were added to the EU definition in 2024."
        ),
    )
    labour_types = _checkboxes(_("Type of labour"), LabourType.choices)
    sex_types = _checkboxes(_("Type of sexual exploitation"), SexType.choices)
    means_of_control = _checkboxes(_("Means of control"), MeansOfControl.choices)
    recruiter_relations = _checkboxes(_("Relation to the recruiter"), RecruiterRelation.choices)
    perpetrator_roles = _checkboxes(
        _("Perpetrators' roles"),
        PerpetratorRole.choices,
        _("Roles only; no names or other identity data here."),
    )

    class Meta:
        model = ExploitationProfile
        fields = [
            "forms", "labour_types", "sex_types", "sector", "means_of_control", "recruitment_method",
            "recruitment_place", "online_platform", "recruiter_relations", "minor_at_time", "perpetrator_roles",
        ]  # fmt: skip

    added_in_2024 = ADDED_IN_2024


class JourneyForm(forms.ModelForm):
    class Meta:
        model = JourneyCountry
        fields = ["stage", "country", "date_from", "date_to"]
        widgets = {"date_from": DATE, "date_to": DATE, "country": forms.TextInput(attrs={"size": 3})}
        help_texts = {"country": _("Two letters, e.g. PL, DE, UA.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean_country(self) -> str:
        code = (self.cleaned_data.get("country") or "").strip().upper()
        if code and code not in COUNTRY_CODES:
            raise forms.ValidationError(_("Not a known country code."))
        return code

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in ("country", "date_from", "date_to"))
        if filled and not cleaned.get("country"):
            self.add_error("country", _("Enter the country."))
        if filled and not cleaned.get("stage"):
            self.add_error("stage", _("Choose the stage."))
        return cleaned

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("country")


JourneyFormSet = forms.formset_factory(JourneyForm, extra=2, can_delete=True, max_num=30, validate_max=True)


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["name", "relation", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("relation"):
            self.add_error("relation", _("Choose the relation to the child."))
        if not cleaned.get("name") and (cleaned.get("relation") or cleaned.get("contact")):
            self.add_error("name", _("Enter the name, or clear the other fields."))
        return cleaned

    def _post_clean(self):
        # An empty form is allowed (not known yet); the model's own checks run only when filled in.
        if self.cleaned_data.get("name"):
            super()._post_clean()


class ChecklistForm(forms.Form):
    case_number = forms.CharField(
        label=_("Attach to case number (optional)"),
        required=False,
        max_length=16,
        help_text=_("Only a case you work on. Leave empty to keep nothing."),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        items = indicators.load().checklist
        groups = {
            "ilo": _("ILO indicators of forced labour"),
            "unodc": _("UNODC general indicators"),
            "unodc_sexual": _("UNODC indicators of sexual exploitation"),
        }
        for group, label in groups.items():
            self.fields[group] = _checkboxes(
                label, [(i.code, i.staff_text(language)) for i in items if i.group == group]
            )
        self.fields["case_number"] = self.fields.pop("case_number")

    def ticked(self) -> list[str]:
        return [
            code for group in ("ilo", "unodc", "unodc_sexual") for code in self.cleaned_data.get(group, [])
        ]
