from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.consent.codes import Scope, ShareItem
from ostoja.consent.models import Consent
from ostoja.partners.models import Organisation
from ostoja.web.once import OnceField


class ConsentForm(forms.ModelForm):
    items = forms.MultipleChoiceField(
        label=_("What may be shared"), choices=ShareItem.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    given_on = dates.DateField(window=dates.CONSENT, label=_("Given on"))
    token = OnceField()

    class Meta:
        model = Consent
        fields = [
            "scope",
            "partner",
            "purpose",
            "items",
            "channel",
            "given_how",
            "interpreter",
            "given_on",
            "notes",
        ]
        widgets = {"notes": limits.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.active().order_by("name", "city")

    def clean(self):
        data = super().clean()
        if data.get("scope") == Scope.SHARING:
            for name, message in (
                ("partner", _("Choose the partner the person agreed to share with.")),
                ("purpose", _("Choose the purpose the person agreed to.")),
                ("items", _("Tick what the person agreed may be shared.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        if data.get("scope") == Scope.CONTACT and not data.get("channel"):
            self.add_error("channel", _("Choose the channel the person agreed to be contacted through."))
        return data


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("How the person withdrew it"),
        max_length=limits.SHORT,
        widget=limits.Textarea(attrs={"rows": 3}),
    )
