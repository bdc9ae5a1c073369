"""Forms of the hotline pages. Every POST goes through one of these; errors stay next to the field."""

from __future__ import annotations

import re

from django import forms
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits, plugins
from ostoja.accounts.models import User
from ostoja.accounts.roles import STAFF, Role
from ostoja.cases.access import Access, Perm, get_case_for, get_person_for
from ostoja.cases.codes import Phase
from ostoja.cases.forms import staff_with
from ostoja.cases.models import Case
from ostoja.hotline import codes
from ostoja.hotline.models import Contact, Intervention, Meeting, Shift
from ostoja.people.models import Person
from ostoja.vault.normalise import phone_e164
from ostoja.versions import VersionField
from ostoja.web.once import OnceField
from ostoja.web.templatetags.ostoja import language_names

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LINK = re.compile(r"^([pc])(\d{1,18})$")
PHONE_HELP = _("This does not look like a phone number. Use the international form, e.g. +48 601 234 567.")


def clean_country(value: str) -> str:
    code = (value or "").strip().upper()
    if code and not _COUNTRY.match(code):
        raise forms.ValidationError(_("Use the two-letter country code, e.g. PL, DE, UA."))
    return code


class ContactForm(forms.ModelForm):
    """One page, sensible defaults, the first field focused: a contact in under a minute."""

    link = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
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
            "summary": limits.Textarea(attrs={"rows": 4}),
            "caller_country": forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
            "direction": forms.RadioSelect,
            "urgency": forms.RadioSelect,
        }
        field_classes = {"received_at": dates.DateTimeField.within(dates.CONTACT)}
        help_texts = {
            "caller_country": _("Two letters, e.g. PL; another country means the caller is abroad."),
            "protocol_followed": _(
                "Required for an outgoing contact with a known person, after reading their protocol."
            ),
        }

    PERSON_FIELDS = ("new_given_name", "new_family_name", "new_given_name_latin", "new_family_name_latin")

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["new_case_manager"].queryset = staff_with(Role.CASE_MANAGER, Role.SUPERVISOR)
        self.fields["received_at"].label = _("When")
        self.link_person: Person | None = None
        self.link_case: Case | None = None
        self.link_access: Access | None = None

    def received_at_shown(self):
        """The contact's time as the form holds it (opened or typed), or None when it cannot be read."""
        value = self["received_at"].value()
        if isinstance(value, str):
            try:
                value = self.fields["received_at"].to_python(value)
            except forms.ValidationError:
                return None
        return value

    def clean_caller_country(self) -> str:
        return clean_country(self.cleaned_data["caller_country"])

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
        # Any hotline role may link a contact to a person or case it found; the name is shown only
        # to whoever may VIEW them (``link_access``). Loading it is an audited read.
        details = {"form": "hotline_contact"}
        if kind == "c":
            try:
                self.link_case = get_case_for(self.request, pk, Perm.EXISTS, details=details)
            except Http404:
                raise forms.ValidationError(_("That case no longer exists.")) from None
            self.link_person, self.link_access = self.link_case.person, self.link_case.access
        else:
            try:
                self.link_person = get_person_for(self.request, pk, Perm.EXISTS, details=details, active=True)
            except Http404:
                raise forms.ValidationError(_("That person record no longer exists.")) from None
            self.link_access = self.link_person.access
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


class ContactLinkForm(forms.Form):
    """Links a waiting contact (a web report, an anonymous call) to the person or case it turns out to be."""

    link = forms.CharField(
        max_length=20,
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose the person or case first.")},
    )
    version = VersionField()

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.link_person: Person | None = None
        self.link_case: Case | None = None
        self.link_access: Access | None = None

    clean_link = ContactForm.clean_link


class InterventionRegisterForm(forms.Form):
    """An anonymous intervention becomes a person and a case: a new person, or one the duplicate check found.

    ``link`` is set only by choosing a record the duplicate check showed; then the name fields are
    not used. Otherwise a given name, the case manager and the phase are needed.
    """

    link = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)  # shown as radios only
    given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given_name_latin = forms.CharField(label=_("Given name in Latin letters"), max_length=200, required=False)
    family_name_latin = forms.CharField(
        label=_("Family name in Latin letters"), max_length=200, required=False
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )  # fmt: skip
    case_manager = forms.ModelChoiceField(
        label=_("Case manager"), queryset=User.objects.none(), required=False
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=[("", "")], required=False)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)
    version = VersionField()

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["case_manager"].queryset = staff_with(Role.CASE_MANAGER, Role.SUPERVISOR)
        self.fields["phase"].choices = [("", "---------"), *Phase.choices]
        self.link_person: Person | None = None
        self.link_case: Case | None = None
        self.link_access: Access | None = None

    clean_link = ContactForm.clean_link

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not phone_e164(phone):
            raise forms.ValidationError(PHONE_HELP)
        return phone_e164(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if self.link_person is not None:
            return cleaned
        if not (cleaned.get("given_name") or "").strip() and "given_name" not in self.errors:
            self.add_error("given_name", _("A new person needs at least a given name."))
        if not cleaned.get("case_manager") and "case_manager" not in self.errors:
            self.add_error("case_manager", _("Choose the case manager for the new case."))
        if not cleaned.get("phase") and "phase" not in self.errors:
            self.add_error("phase", _("Choose the phase of the new case."))
        return cleaned

    def new_person(self, registered_by, contact: Contact) -> Person:
        """The person as the form and the intervention's contact know them (language, interpreter)."""
        data = self.cleaned_data
        known = contact.language in dict(codes.LANGUAGES) and contact.language != "other"
        return Person(
            given_name=data["given_name"].strip(),
            family_name=data["family_name"].strip(),
            given_name_latin=data["given_name_latin"].strip(),
            family_name_latin=data["family_name_latin"].strip(),
            preferred_language=contact.language if known else "",
            languages=[contact.language] if known else [],
            needs_interpreter=contact.interpreter_used,
            registered_by=registered_by,
        )


class TranslationAskForm(forms.Form):
    """Asks an interpreter from the centre's list to translate a contact (a web report)."""

    interpreter = forms.TypedChoiceField(label=_("Interpreter"), coerce=int, choices=[])
    note = forms.CharField(
        label=_("What is asked"), required=False, max_length=limits.INSTRUCTIONS,
        widget=limits.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. translate the report; say which reply the reporter may safely get."),
    )  # fmt: skip

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Those who speak the report's language first; the others after them.
        rows = sorted(plugins.interpreters(), key=lambda row: (language not in row[3], str(row[1])))
        self.fields["interpreter"].choices = [
            ("", "---------"),
            *((pk, f"{name} — {language_names(langs) or '—'}{f', {phone}' if phone else ''}")
              for pk, name, phone, langs in rows),
        ]  # fmt: skip


class TranslationDoneForm(forms.Form):
    translation = forms.CharField(
        label=_("The translation"), max_length=limits.NOTE, widget=limits.Textarea(attrs={"rows": 5})
    )


class TriageForm(forms.ModelForm):
    version = VersionField()

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
        label=_("What was done"), widget=limits.Textarea(attrs={"rows": 2}), max_length=5000
    )
    at = dates.DateTimeField(window=dates.INTERVENTION_ACTION, label=_("When"), required=False)


class CloseForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Intervention
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome_note": limits.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ["user", "kind", "starts_at", "ends_at"]
        field_classes = {
            "starts_at": dates.DateTimeField.within(dates.SHIFT),
            "ends_at": dates.DateTimeField.within(dates.SHIFT),
        }

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
    token = OnceField()

    class Meta:
        model = Meeting
        fields = [
            "starts_at", "duration_minutes", "place_kind", "place_note", "staff", "other_participants",
            "interpreter_language", "purpose", "safety_check_done", "safety_notes",
        ]  # fmt: skip
        widgets = {
            "purpose": limits.Textarea(attrs={"rows": 2}),
            "other_participants": limits.Textarea(attrs={"rows": 2}),
            "safety_notes": limits.Textarea(attrs={"rows": 2}),
            "place_kind": forms.RadioSelect,
        }
        field_classes = {"starts_at": dates.DateTimeField.within(dates.MEETING)}
        help_texts = {
            "place_note": _("For an office or a neutral place only. Never write a shelter's address here."),
            "other_participants": _(
                "E.g. an interpreter's agency, a police officer: roles rather than names."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_with(*STAFF)
        # A required choice shown as radio buttons has no "---------" button: none is chosen until one is.
        self.fields["place_kind"].choices = codes.PlaceKind.choices


class MeetingEditForm(MeetingForm):
    token = None  # an edit creates nothing
    version = VersionField()

    class Meta(MeetingForm.Meta):
        fields = [*MeetingForm.Meta.fields, "status", "outcome"]
        widgets = {**MeetingForm.Meta.widgets, "outcome": limits.Textarea(attrs={"rows": 3})}
