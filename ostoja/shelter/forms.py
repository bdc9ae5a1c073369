from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from ostoja import dates, limits, versions
from ostoja.accounts.models import User
from ostoja.accounts.roles import Role
from ostoja.shelter.models import Place, Placement
from ostoja.web.once import OnceField

PLACING_ROLES = [
    (r.value, r.label) for r in (Role.CASE_MANAGER, Role.SUPERVISOR, Role.DUTY_WORKER, Role.SPECIALIST)
]


class PlacementForm(forms.ModelForm):
    """A new stay: the place (only those the user may place people at), the kind, the dates."""

    token = OnceField()

    class Meta:
        model = Placement
        fields = ["place", "kind", "start_on", "end_on", "end_reason"]
        field_classes = {
            "start_on": dates.DateField.within(dates.PLACEMENT),
            "end_on": dates.DateField.within(dates.PLACEMENT),
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, places: list[Place], **kwargs):
        super().__init__(*args, **kwargs)
        place = self.fields["place"]
        place.queryset = Place.objects.filter(pk__in=[p.pk for p in places])
        place.error_messages["invalid_choice"] = _("Choose one of the places you may place people at.")
        place.label_from_instance = lambda p: f"{p.name} ({p.get_kind_display()}, {p.capacity})"
        self.fields["kind"].choices = Placement._meta.get_field("kind").choices
        self.fields["end_reason"].help_text = _("Once the person has left.")


class PlacementEditForm(forms.ModelForm):
    """A stay's dates and kind, and its end (the day the person left and why)."""

    version = versions.VersionField()

    class Meta:
        model = Placement
        fields = ["kind", "start_on", "end_on", "end_reason"]
        field_classes = {
            "start_on": dates.DateField.within(dates.PLACEMENT),
            "end_on": dates.DateField.within(dates.PLACEMENT),
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Placement._meta.get_field("kind").choices


class RevealForm(forms.Form):
    """Why the address is needed: the reveal's audit row keeps it."""

    reason = forms.CharField(
        label=_("Why you need the address now"), max_length=limits.LINE,
        help_text=_("Kept in the audit log with your name. The address is shown on the next page only."),
    )  # fmt: skip

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError(_("Say in a few words why you need the address."))
        return reason


class PlaceForm(forms.ModelForm):
    """A place, its beds and who may place people there; the address can be replaced, never read here."""

    version = versions.VersionField()
    placing_roles = forms.MultipleChoiceField(
        label=Place._meta.get_field("placing_roles").verbose_name, choices=PLACING_ROLES, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    address = forms.CharField(
        label=_("New address"), required=False, max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )  # fmt: skip

    class Meta:
        model = Place
        fields = ["name", "kind", "capacity", "placing_roles", "placers", "active"]

    def __init__(self, *args, has_address: bool, **kwargs):
        super().__init__(*args, **kwargs)
        placers = self.fields["placers"]
        placers.queryset = User.objects.filter(
            is_active=True, groups__name__in=list(dict(PLACING_ROLES))
        ).distinct()
        placers.label_from_instance = lambda u: u.get_full_name() or u.get_username()
        placers.widget = forms.CheckboxSelectMultiple(choices=placers.choices)
        placers.help_text = ""
        address = self.fields["address"]
        address.required = not has_address
        address.help_text = (
            _("An address is stored; it is not shown here. Type a new one only to replace it.")
            if has_address
            else _("Street, number, town: given only to those who need it, each time recorded.")
        )

    @sensitive_variables()
    def clean_address(self) -> str:
        return self.cleaned_data["address"].strip()
