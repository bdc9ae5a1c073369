from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.consent.codes import ShareItem
from ostoja.hotline.models import Contact
from ostoja.partners.models import Organisation
from ostoja.referrals import letters
from ostoja.referrals.models import Consultation, IncomingReferral, Referral, Status
from ostoja.versions import VersionField
from ostoja.web.once import OnceField


def _language_choices() -> list[tuple[str, str]]:
    return [(code, str(words["name"])) for code, words in letters.WORDS.items()]


class ReferralForm(forms.ModelForm):
    """Starts from the minimum: nothing is ticked, the worker adds only what the partner needs."""

    items = forms.MultipleChoiceField(
        label=_("What is shared"), choices=ShareItem.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what the partner needs, and only what the person's consent covers."),
    )  # fmt: skip
    letter_language = forms.CharField(
        label=_("Language of the letter"), max_length=8,
        help_text=_("Letters are written in Polish, English, German or Dutch: choose one the partner reads."),
    )  # fmt: skip
    follow_up_on = dates.DateField(window=dates.FOLLOW_UP, label=_("Follow up on"), required=False)
    override_reason = forms.CharField(
        label=_("Emergency: share without consent (supervisors only)"), required=False, max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the person's life is in danger and consent cannot be asked: the reason is audited."),
    )  # fmt: skip
    token = OnceField()

    class Meta:
        model = Referral
        fields = ["partner", "purpose", "items", "situation", "letter_language", "follow_up_on"]
        widgets = {"situation": limits.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, may_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.active().order_by("name", "city")
        self.fields["letter_language"].widget = forms.Select(choices=_language_choices())
        if not may_override:
            del self.fields["override_reason"]


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=())
    feedback = forms.CharField(
        label=_("The partner's feedback"), required=False, max_length=limits.INSTRUCTIONS,
        widget=limits.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    follow_up_on = dates.DateField(window=dates.FOLLOW_UP, label=_("Follow up on"), required=False)
    version = VersionField()

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(code, Status(code).label) for code in referral.next_statuses()]


class LinkServiceForm(forms.Form):
    """Which service of the support plan (a goal of its current version) the referral delivers."""

    service = forms.TypedChoiceField(
        label=_("Service of the support plan it delivers"), required=False, coerce=int, empty_value=None,
        help_text=_("Completing the referral records this service as delivered, by the partner."),
    )  # fmt: skip

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("— not linked")), *choices]


class ConsultationForm(forms.ModelForm):
    held_on = dates.DateField(window=dates.CONSULTATION, label=_("Date"))
    token = OnceField()

    class Meta:
        model = Consultation
        fields = [
            "organisation", "organisation_name", "asked_by", "held_on", "topic", "question", "advice", "minutes",
            "follow_up",
        ]  # fmt: skip
        widgets = {
            "question": limits.Textarea(attrs={"rows": 4}),
            "advice": limits.Textarea(attrs={"rows": 4}),
            "follow_up": limits.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name", "city")

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("organisation_name") or "").strip():
            self.add_error(
                "organisation", _("Choose the organisation, or type its name if it is not in the directory.")
            )
        return data


class IncomingForm(forms.ModelForm):
    """Who referred the person; what they said goes into the hotline contact (``IncomingContactForm``)."""

    token = OnceField()

    class Meta:
        model = IncomingReferral
        fields = ["partner", "organisation_name", "referred_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.order_by("name", "city")

    def clean(self):
        data = super().clean()
        if not data.get("partner") and not (data.get("organisation_name") or "").strip():
            self.add_error(
                "partner", _("Choose the organisation, or type its name if it is not in the directory.")
            )
        return data


class IncomingContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["channel", "received_at", "language", "interpreter_used", "topic", "urgency", "summary"]
        widgets = {"summary": limits.Textarea(attrs={"rows": 6})}
        field_classes = {"received_at": dates.DateTimeField.within(dates.CONTACT)}


class AcceptForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("accept", _("Accept: the case is open")), ("decline", _("Decline"))],
    )  # fmt: skip
    case_number = forms.CharField(
        label=_("Number of the case opened for the person"), required=False, max_length=40,
        help_text=_("Register the person and open the case first (with the duplicate check), then enter its number."),
    )  # fmt: skip
