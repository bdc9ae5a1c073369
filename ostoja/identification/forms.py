from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.identification import indicators
from ostoja.identification.codes import (
    Answer,
    ExploitationKind,
    IdStatus,
    InterpreterRelation,
    Language,
    SpokenLanguage,
)
from ostoja.identification.models import (
    ExploitationProfile,
    IdentificationStatusChange,
    Interpreter,
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
from ostoja.people.countries import COUNTRY_CODES
from ostoja.versions import VersionField
from ostoja.web.once import OnceField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ScreeningStartForm(forms.Form):
    """What is settled before the first question: list, language, age, safety, health and consent.

    ``age_known`` is what the records tell (None: nothing, so the worker is asked; True/False).
    """

    token = OnceField()
    kind = forms.ChoiceField(
        label=_("Which form of exploitation do the questions cover?"),
        choices=ExploitationKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Start a second screening if both apply. Sexual exploitation has its own wording."),
    )
    language = forms.ChoiceField(label=_("Language of the person"), choices=Language.choices)
    interpreter_used = forms.BooleanField(label=_("An interpreter is present"), required=False)
    interpreter = forms.TypedChoiceField(
        label=_("Interpreter (from the centre's list)"), required=False, coerce=int, empty_value=None,
        help_text=_("Someone not on the list cannot interpret a screening; a supervisor adds interpreters."),
    )  # fmt: skip
    interpreter_language = forms.ChoiceField(
        label=_("Language interpreted"),
        choices=[("", _("The person's language")), *SpokenLanguage.choices],
        required=False,
    )
    interpreter_agreement = forms.BooleanField(
        label=_("The interpreter is bound by a confidentiality agreement"), required=False
    )
    interpreter_relation = forms.ChoiceField(
        label=_("Does the interpreter know the person or come from the same community?"),
        choices=InterpreterRelation.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    age_doubt = forms.ChoiceField(
        label=_("Could the person be under 18?"),
        choices=[
            ("adult", _("No: clearly an adult")),
            ("minor", _("Yes, or not sure: presume a minor until the age is assessed")),
        ],
        widget=forms.RadioSelect,
        help_text=_("The person's record gives neither a date of birth nor an estimated age."),
    )
    minor = forms.BooleanField(
        label=_("The person is a minor, or was a minor when exploited"),
        required=False,
        help_text=_(
            "The child lists are used: the means (coercion, abuse of vulnerability) are not required."
        ),
    )
    safe_to_talk = forms.ChoiceField(
        label=_("Is the person safe to talk now?"), choices=YES_NO, widget=forms.RadioSelect
    )
    in_pain = forms.ChoiceField(label=_("Is the person in pain?"), choices=YES_NO, widget=forms.RadioSelect)
    needs_doctor = forms.ChoiceField(
        label=_("Does the person need a doctor now?"), choices=YES_NO, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("The person heard what the screening is for and agreed to start"),
        required=False,
    )

    def __init__(self, *args, age_known: bool | None, interpreters=(), **kwargs):
        super().__init__(*args, **kwargs)
        covered = indicators.load().languages
        self.fields["language"].choices = [(c, label) for c, label in Language.choices if c in covered]
        self.interpreters = {i.pk: i for i in interpreters}
        self.fields["interpreter"].choices = [
            ("", "---"),
            *((i.pk, f"{i.name} ({i.get_languages_display()})") for i in interpreters),
        ]
        if age_known is not None:
            del self.fields["age_doubt"]
        if age_known is not False:
            del self.fields["minor"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_used"):
            if not cleaned.get("interpreter"):
                self.add_error("interpreter", _("Choose the interpreter from the centre's list."))
            if not cleaned.get("interpreter_relation"):
                self.add_error(
                    "interpreter_relation",
                    _("Ask whether the interpreter knows the person or comes from the same community."),
                )
        return cleaned

    def chosen_interpreter(self):
        if not self.cleaned_data.get("interpreter_used"):
            return None
        return self.interpreters.get(self.cleaned_data.get("interpreter"))

    def minor_answer(self) -> bool | None:
        if "age_doubt" in self.fields:
            return self.cleaned_data["age_doubt"] == "minor"
        if "minor" in self.fields:
            return self.cleaned_data["minor"]
        return None


class CorrectionForm(forms.Form):
    """One answer of a finished screening, corrected with a reason."""

    token = OnceField()
    code = forms.ChoiceField(label=_("Question"))
    answer = forms.ChoiceField(
        label=_("Correct answer"), choices=[("", _("Not asked")), *Answer.choices], required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Why is the answer corrected?"),
        max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the person said more at a later meeting; the interpreter misunderstood."),
    )

    def __init__(self, *args, questions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "---"), *questions]


class InterpreterForm(forms.ModelForm):
    token = OnceField()
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=SpokenLanguage.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Interpreter
        fields = ["name", "languages", "phone", "agreement_signed"]


class StepForm(forms.Form):
    """The questions of one dimension: one optional answer each, plus the screening's notes."""

    notes = forms.CharField(
        label=_("Notes (only for staff; not read to the person)"),
        required=False,
        max_length=limits.NOTE,
        widget=limits.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, questions: list[indicators.Indicator], sexual: bool = False, **kwargs):
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
        widgets = {"grounds": limits.Textarea(attrs={"rows": 3})}
        field_classes = {"decided_on": dates.DateField.within(dates.AUTHORITY_DECISION)}
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
            f"{dates.show(s.started_at, 'date')} — {s.get_indicator_list_display()}"
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
        max_length=limits.INSTRUCTIONS,
        widget=limits.Textarea(attrs={"rows": 2}),
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
    version = VersionField()
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
        widgets = {"country": forms.TextInput(attrs={"size": 3})}
        field_classes = {
            "date_from": dates.DateField.within(dates.JOURNEY),
            "date_to": dates.DateField.within(dates.JOURNEY),
        }
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
