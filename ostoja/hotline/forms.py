"""Forms of the hotline pages. Every POST goes through one of these; errors stay next to the field."""

from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.cases.codes import Phase
from ostoja.cases.forms import staff_with
from ostoja.cases.models import Case
from ostoja.hotline import codes
from ostoja.hotline.models import Contact, Intervention, Meeting, Shift
from ostoja.people.models import Person
from ostoja.vault.normalise import phone_e164
from ostoja.web.once import OnceField

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LINK = re.compile(r"^([pc])(\d{1,18})$")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PHONE_HELP = _("This does not look like a phone number. Use the international form, e.g. +48 601 234 567.")


def clean_country(value: str) -> str:
    code = (value or "").strip().upper()
    if code and not _COUNTRY.match(code):
        raise forms.ValidationError(_("Use the two-letter country code, e.g. PL, DE, UA."))
    return code


class ContactForm(forms.ModelForm):
    """One page, sensible defaults, the first field focused: a contact in under a minute."""

    link = forms.CharField(required=False, widget=forms.HiddenInput)
    # Longer than the two letters stored, so that "Poland" gets the helpful message, not a length error.
    caller_country = forms.CharField(
        label=_("Country where the caller is"), max_length=60, required=False,
        widget=forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
        help_text=_("Two letters, e.g. PL; another country means the caller is abroad."),
    )  # fmt: skip
    needs = forms.MultipleChoiceField(
        label=_("Needed now (for an urgent contact)"), choices=codes.Need.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    take_it = forms.BooleanField(label=_("I am handling the intervention myself"), required=False)
    new_given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    new_family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    new_given_name_latin = forms.CharField(
        label=_("Given name in Latin letters"), max_length=200, required=False
    )
    new_family_name_latin = forms.CharField(
        label=_("Family name in Latin letters"), max_length=200, required=False
    )
    new_phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )  # fmt: skip
    new_case = forms.BooleanField(label=_("Open a case for this person"), required=False)
    new_case_manager = forms.ModelChoiceField(
        label=_("Case manager"), queryset=User.objects.none(), required=False
    )
    new_phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, required=False)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)
    call_event = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = OnceField()

    class Meta:
        model = Contact
        fields = [
            "channel", "direction", "caller_kind", "language", "interpreter_used", "caller_country", "caller_city",
            "topic", "urgency", "summary", "follow_up_needed", "received_at", "protocol_followed",
        ]  # fmt: skip
        widgets = {
            "channel": forms.Select(attrs={"autofocus": True}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "received_at": DATETIME_INPUT,
            "caller_country": forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
            "direction": forms.RadioSelect,
            "urgency": forms.RadioSelect,
        }
        help_texts = {
            "caller_country": _("Two letters, e.g. PL; another country means the caller is abroad."),
            "protocol_followed": _(
                "Required for an outgoing contact with a known person, after reading their protocol."
            ),
        }

    PERSON_FIELDS = ("new_given_name", "new_family_name", "new_given_name_latin", "new_family_name_latin")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_case_manager"].queryset = staff_with(Role.CASE_MANAGER, Role.SUPERVISOR)
        self.fields["received_at"].label = _("When")
        self.link_person: Person | None = None
        self.link_case: Case | None = None

    def clean_caller_country(self) -> str:
        return clean_country(self.cleaned_data["caller_country"])

    def clean_received_at(self):
        when = self.cleaned_data["received_at"]
        if when and when > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("A contact cannot be logged in the future."))
        return when

    def clean_new_phone(self) -> str:
        phone = self.cleaned_data["new_phone"].strip()
        if phone and not phone_e164(phone):
            raise forms.ValidationError(PHONE_HELP)
        return phone_e164(phone) if phone else ""

    def clean_link(self) -> str:
        link = self.cleaned_data["link"].strip()
        if not link:
            return ""
        match = _LINK.match(link)
        if not match:
            raise forms.ValidationError(_("Choose the person again."))
        kind, pk = match.group(1), int(match.group(2))
        if kind == "c":
            self.link_case = Case.objects.select_related("person").filter(pk=pk).first()
            if self.link_case is None:
                raise forms.ValidationError(_("That case no longer exists."))
            self.link_person = self.link_case.person
        else:
            self.link_person = Person.objects.active().filter(pk=pk).first()
            if self.link_person is None:
                raise forms.ValidationError(_("That person record no longer exists."))
        return link

    @property
    def wants_new_person(self) -> bool:
        return any((self.cleaned_data.get(name) or "").strip() for name in self.PERSON_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if self.wants_new_person:
            if self.link_person is not None:
                self.add_error("link", _("Either link an existing person or register a new one, not both."))
            if not (cleaned.get("new_given_name") or "").strip():
                self.add_error("new_given_name", _("A new person needs at least a given name."))
            if cleaned.get("new_case") and not cleaned.get("new_case_manager"):
                self.add_error("new_case_manager", _("Choose the case manager for the new case."))
            if cleaned.get("new_case") and not cleaned.get("new_phase"):
                self.add_error("new_phase", _("Choose the phase of the new case."))
        if cleaned.get("needs") and cleaned.get("urgency") != codes.Urgency.URGENT:
            self.add_error("urgency", _("Needs are for urgent contacts: mark the contact urgent."))
        if cleaned.get("caller_kind") == codes.CallerKind.ANONYMOUS and (
            self.link_person or self.wants_new_person
        ):
            self.add_error("caller_kind", _("An anonymous contact cannot be linked to a person."))
        return cleaned

    def new_person(self, registered_by) -> Person:
        data = self.cleaned_data
        return Person(
            given_name=data["new_given_name"].strip(),
            family_name=data["new_family_name"].strip(),
            given_name_latin=data["new_given_name_latin"].strip(),
            family_name_latin=data["new_family_name_latin"].strip(),
            preferred_language="" if data["language"] == "other" else data["language"],
            languages=[] if data["language"] == "other" else [data["language"]],
            needs_interpreter=data["interpreter_used"],
            registered_by=registered_by,
        )


class PersonLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Find the person: name in any script or phone"), max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "form": "person-find"}),
    )  # fmt: skip


class TriageForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["caller_kind", "caller_country", "topic", "urgency", "follow_up_needed"]

    def clean_caller_country(self) -> str:
        return clean_country(self.cleaned_data["caller_country"])


class InterventionOpenForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needed now"), choices=codes.Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    take_it = forms.BooleanField(label=_("I am handling it myself"), required=False)


class ActionForm(forms.Form):
    text = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    at = forms.DateTimeField(label=_("When"), required=False, widget=DATETIME_INPUT)

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at and at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("Record what was done, not what is planned."))
        return at


class CloseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Intervention
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ["user", "kind", "starts_at", "ends_at"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_with(Role.DUTY_WORKER, Role.SUPERVISOR)


class SwapForm(forms.Form):
    offered_to = forms.ModelChoiceField(label=_("Offer to"), queryset=User.objects.none())

    def __init__(self, *args, shift: Shift, **kwargs):
        super().__init__(*args, **kwargs)
        role = Role.SUPERVISOR if shift.kind == codes.ShiftKind.SUPERVISOR else Role.DUTY_WORKER
        self.fields["offered_to"].queryset = staff_with(role).exclude(pk=shift.user_id)


class MeetingForm(forms.ModelForm):
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff taking part"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("You take part in the meetings you schedule."),
    )  # fmt: skip
    token = OnceField(required=False)

    class Meta:
        model = Meeting
        fields = [
            "starts_at", "duration_minutes", "place_kind", "place_note", "staff", "other_participants",
            "interpreter_language", "purpose", "safety_check_done", "safety_notes",
        ]  # fmt: skip
        widgets = {
            "starts_at": DATETIME_INPUT,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "other_participants": forms.Textarea(attrs={"rows": 2}),
            "safety_notes": forms.Textarea(attrs={"rows": 2}),
            "place_kind": forms.RadioSelect,
        }
        help_texts = {
            "place_note": _("For an office or a neutral place only. Never write a shelter's address here."),
            "other_participants": _(
                "E.g. an interpreter's agency, a police officer: roles rather than names."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_with(*Role.values)


class MeetingEditForm(MeetingForm):
    class Meta(MeetingForm.Meta):
        fields = [*MeetingForm.Meta.fields, "status", "outcome"]
        widgets = {**MeetingForm.Meta.widgets, "outcome": forms.Textarea(attrs={"rows": 3})}
