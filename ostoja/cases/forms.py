from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.cases.codes import CLOSED_STATUSES, RiskFlag
from ostoja.cases.models import Case, Note
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, IdentityDocument, Person, SafeContactProtocol
from ostoja.people.photos import clean_photo
from ostoja.vault.normalise import phone_e164
from ostoja.web.once import OnceField

_CODES = re.compile(r"^[A-Za-z]{2,3}$")


class CodeListField(forms.CharField):
    """Comma-separated ISO codes ("UA, PL") → ["UA", "PL"]."""

    def __init__(self, *, upper: bool, **kwargs):
        self.upper = upper
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        items = [p.strip() for p in (value or "").replace(";", ",").split(",") if p.strip()]
        bad = [p for p in items if not _CODES.match(p)]
        if bad:
            raise forms.ValidationError(
                _("Use two- or three-letter codes separated by commas, e.g. %(example)s."),
                params={"example": "UA, PL" if self.upper else "uk, ru"},
            )
        return [p.upper() if self.upper else p.lower() for p in items]


class PersonForm(forms.ModelForm):
    aliases = forms.CharField(
        label=_("Aliases and other spellings"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )  # fmt: skip
    citizenships = CodeListField(
        upper=True, label=_("Citizenships"), help_text=_("ISO country codes, e.g. UA, PL.")
    )
    languages = CodeListField(
        upper=False, label=_("Languages"), help_text=_("ISO language codes, e.g. uk, ru, pl.")
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Person
        fields = [
            "given_name", "family_name", "given_name_latin", "family_name_latin", "aliases", "gender",
            "date_of_birth", "estimated_age", "is_minor", "citizenships", "languages", "preferred_language",
            "needs_interpreter",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("date_of_birth")
        if born:
            from django.utils import timezone

            if born > timezone.localdate():
                self.add_error("date_of_birth", _("The date of birth cannot be in the future."))
        return cleaned


class RegisterPersonForm(PersonForm):
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    phone_safety = forms.ChoiceField(
        label=_("Is this phone safe to use?"), choices=Safety.choices, initial=Safety.UNKNOWN
    )
    token = OnceField()
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta(PersonForm.Meta):
        pass

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not phone_e164(phone):
            raise forms.ValidationError(
                _("This does not look like a phone number. Use the international form, e.g. +48 601 234 567.")
            )
        return phone

    def channels(self) -> list[ContactChannel]:
        phone = self.cleaned_data.get("phone")
        if not phone:
            return []
        return [
            ContactChannel(
                kind=ChannelKind.PHONE, value=phone_e164(phone), safety=self.cleaned_data["phone_safety"]
            )
        ]


class VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PersonEditForm(PersonForm, VersionedForm):
    class Meta(PersonForm.Meta):
        pass


class ProtocolForm(forms.ModelForm):
    # When the form was opened: a save over a newer version is refused as a conflict.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SafeContactProtocol
        fields = ["channel", "when", "if_someone_else_answers", "messages", "other_instructions"]
        widgets = {
            "if_someone_else_answers": forms.Textarea(attrs={"rows": 3}),
            "other_instructions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = ContactChannel.objects.filter(person=self.instance.person)


class ChannelForm(forms.ModelForm):
    class Meta:
        model = ContactChannel
        fields = ["kind", "value", "safety", "safe_hours", "code_word", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ChannelKind.PHONE and cleaned.get("value"):
            e164 = phone_e164(cleaned["value"])
            if not e164:
                self.add_error(
                    "value",
                    _(
                        "This does not look like a phone number. Use the international form, e.g. +48 601 234 567."
                    ),
                )
            else:
                cleaned["value"] = e164
        return cleaned


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 8 MB. Location and camera data are removed."),
    )

    def clean_photo(self) -> bytes:
        return clean_photo(self.cleaned_data["photo"])


class DocumentForm(forms.ModelForm):
    class Meta:
        model = IdentityDocument
        fields = ["kind", "number", "issuing_country", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean_issuing_country(self) -> str:
        code = self.cleaned_data["issuing_country"].strip().upper()
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            raise forms.ValidationError(_("Use the two-letter country code, e.g. UA."))
        return code


def staff_with(*roles: str):
    return (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("last_name", "username")
    )


class CaseForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Team"), required=False, queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Colleagues who work on the case besides the case manager."),
    )  # fmt: skip
    risk_flags = forms.MultipleChoiceField(
        label=_("Risk flags"), choices=RiskFlag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Case
        fields = ["kind", "phase", "case_manager", "risk_flags", "opened_on"]
        widgets = {"opened_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = staff_with(Role.CASE_MANAGER, Role.SUPERVISOR)
        self.fields["members"].queryset = staff_with(Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR)
        if "opened_on" in self.fields:
            self.fields["opened_on"].required = False


class OpenCaseForm(CaseForm):
    token = OnceField()


class CaseEditForm(CaseForm, VersionedForm):
    class Meta(CaseForm.Meta):
        fields = ["kind", "phase", "status", "closure_reason", "closure_note", "case_manager", "risk_flags"]
        widgets = {"closure_note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CLOSED_STATUSES and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", _("Say why the case is closed."))
        return cleaned


class NoteForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name (any script), phone, document number or date of birth"), max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )  # fmt: skip


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(label=_("Number of the duplicate person record"), min_value=1)
    confirm = forms.BooleanField(label=_("I have checked that both records describe the same person."))
