from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.accounts.models import User
from ostoja.accounts.roles import Discipline, Role
from ostoja.cases.codes import CLOSED_STATUSES, ClosureReason, RiskFlag, Status
from ostoja.cases.models import Case, Note
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, IdentityDocument, Person, SafeContactProtocol
from ostoja.people.photos import clean_photo
from ostoja.vault.normalise import phone_e164
from ostoja.versions import VersionField
from ostoja.web.once import OnceField


class ChoiceListField(forms.MultipleChoiceField):
    """A list of codes chosen by name from a list the keyboard searches by typing (a native select)."""

    def __init__(self, *, choices, **kwargs):
        super().__init__(
            choices=choices, required=False, widget=forms.SelectMultiple(attrs={"size": 8}), **kwargs
        )


class PersonForm(forms.ModelForm):
    aliases = forms.CharField(
        label=_("Aliases and other spellings"), required=False, widget=limits.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."), max_length=4000,
    )  # fmt: skip
    citizenships = ChoiceListField(
        label=_("Citizenships"), choices=(),
        help_text=_("Type a country's first letters to jump to it; Ctrl (or Cmd) and a click or Space add another."),
    )  # fmt: skip
    languages = ChoiceListField(
        label=_("Languages"), choices=(),
        help_text=_("Type a language's first letters to jump to it; Ctrl (or Cmd) and a click or Space add another."),
    )  # fmt: skip
    date_of_birth = dates.DateField(window=dates.BIRTH, label=_("Date of birth"), required=False)

    class Meta:
        model = Person
        fields = [
            "given_name", "family_name", "given_name_latin", "family_name_latin", "aliases", "gender",
            "date_of_birth", "estimated_age", "is_minor", "citizenships", "languages", "preferred_language",
            "needs_interpreter",
        ]  # fmt: skip

    LISTS = ("citizenships", "languages")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])
        from ostoja.people.countries import country_choices, language_choices

        languages = language_choices()
        for name, choices in (("citizenships", country_choices()), ("languages", languages)):
            known = {code for code, _label in choices}
            # A code stored before the lists (or outside them) stays choosable as it is.
            kept = [(code, code) for code in (getattr(self.instance, name, None) or []) if code not in known]
            self.fields[name].choices = [*kept, *choices]
        preferred = self.instance.preferred_language
        kept = [(preferred, preferred)] if preferred and preferred not in dict(languages) else []
        self.fields["preferred_language"] = forms.ChoiceField(
            label=_("Preferred language"), required=False,
            choices=[("", "—"), *kept, *languages],
        )  # fmt: skip

    def _clean_list(self, name: str) -> list[str]:
        chosen = self.cleaned_data[name]
        stored = list(getattr(self.instance, name, None) or [])
        # The same codes in the list's order are no change: the stored order is kept.
        return stored if set(chosen) == set(stored) else chosen

    def clean_citizenships(self) -> list[str]:
        return self._clean_list("citizenships")

    def clean_languages(self) -> list[str]:
        return self._clean_list("languages")

    def clean_aliases(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]


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
    version = VersionField()


class PersonEditForm(PersonForm, VersionedForm):
    class Meta(PersonForm.Meta):
        pass


class ProtocolForm(VersionedForm):
    class Meta:
        model = SafeContactProtocol
        fields = ["channel", "when", "if_someone_else_answers", "messages", "other_instructions"]
        widgets = {
            "if_someone_else_answers": limits.Textarea(attrs={"rows": 3}),
            "other_instructions": limits.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = ContactChannel.objects.filter(person=self.instance.person)


class ChannelForm(forms.ModelForm):
    class Meta:
        model = ContactChannel
        fields = ["kind", "value", "safety", "safe_hours", "code_word", "notes"]
        widgets = {"notes": limits.Textarea(attrs={"rows": 2})}

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
        widgets = {"notes": limits.Textarea(attrs={"rows": 2})}

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
        field_classes = {"opened_on": dates.DateField.within(dates.CASE_OPENED)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = staff_with(Role.CASE_MANAGER, Role.SUPERVISOR)
        self.fields["members"].queryset = staff_with(Role.CASE_MANAGER, Role.SPECIALIST, Role.SUPERVISOR)
        if "opened_on" in self.fields:
            self.fields["opened_on"].required = False


class OpenCaseForm(CaseForm):
    token = OnceField()


class CaseEditForm(CaseForm, VersionedForm):
    TEAM_FIELDS = ("case_manager", "members")

    class Meta(CaseForm.Meta):
        fields = ["kind", "phase", "status", "closure_reason", "closure_note", "case_manager", "risk_flags"]
        widgets = {"closure_note": limits.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, manage_team: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Closing and reopening have their own pages (with their checks and reasons): here the status
        # moves only between open and follow-up, and a closed case's status and closure are shown as they are.
        if self.instance.is_closed:
            for name in ("status", "closure_reason", "closure_note"):
                self.fields[name].disabled = True
        else:
            self.fields["status"].choices = [
                (v, label) for v, label in Status.choices if v not in CLOSED_STATUSES
            ]
            for name in ("closure_reason", "closure_note"):
                del self.fields[name]
        # Without the right to manage the team, the team is shown but what is posted for it is ignored.
        self.manage_team = manage_team
        for name in self.TEAM_FIELDS:
            self.fields[name].disabled = not manage_team
            if not manage_team:
                self.fields[name].help_text = _("Only the case manager or a supervisor changes the team.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CLOSED_STATUSES and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", _("Say why the case is closed."))
        return cleaned


class NoteForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = Note
        fields = ["text", "confidential_to"]
        widgets = {"text": limits.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, disciplines: frozenset[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        # A note may be kept to a discipline only by someone who may read that discipline's material.
        field = self.fields["confidential_to"]
        field.choices = [("", _("Everyone on the case"))] + [
            (value, label) for value, label in Discipline.choices if value in disciplines
        ]
        if not disciplines:
            field.widget = forms.HiddenInput()


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name (any script), phone, document number or date of birth"), max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )  # fmt: skip


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(label=_("Number of the duplicate person record"), min_value=1)
    confirm = forms.BooleanField(label=_("I have checked that both records describe the same person."))


class CloseForm(forms.Form):
    version = VersionField()
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(v, label) for v, label in Status.choices if v in CLOSED_STATUSES],
    )  # fmt: skip
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=[("", "—"), *ClosureReason.choices])
    note = forms.CharField(
        label=_("Closing note"), required=False, max_length=limits.INSTRUCTIONS,
        widget=limits.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    reviewed = forms.BooleanField(
        label=_(
            "I have gone through the open tasks and plan goals listed above; open tasks will be cancelled."
        ),
        required=False,
    )

    def __init__(self, *args, checks: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.checks = checks
        if checks:
            self.fields["reviewed"].required = True
            self.fields["reviewed"].error_messages["required"] = _(
                "Go through what is still open on the case first, then tick this box."
            )
        else:
            del self.fields["reviewed"]


class ReopenForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(
        label=_("Why the case is reopened"),
        max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 3}),
    )


class EraseForm(forms.Form):
    """What to erase of a person (everything, or one value or record at their request) and why.

    The choices name fields and kinds of record, never a value: the page is open to administrators,
    who do not read case files.
    """

    what = forms.ChoiceField(label=_("What to erase"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason for the erasure (legal basis, the person's request)"),
        max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("I understand that an erasure cannot be undone."))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = choices
