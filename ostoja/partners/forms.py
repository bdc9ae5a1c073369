from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import limits
from ostoja.cases.forms import ChoiceListField
from ostoja.partners.models import Kind, Organisation, Service
from ostoja.people.countries import country_choices, language_choices
from ostoja.versions import VersionField


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    service = forms.ChoiceField(label=_("Service"), required=False, choices=[("", "—"), *Service.choices])
    language = forms.ChoiceField(label=_("Language"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *Kind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["language"].choices = [("", "—"), *language_choices()]


class OrganisationForm(forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=Service.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = ChoiceListField(label=_("Languages of advice"), choices=())
    country = forms.ChoiceField(label=_("Country"))
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    version = VersionField()

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "services", "languages", "country", "city", "address", "phone", "email", "website",
            "how_to_refer", "notes", "active", "public", "public_group", "order",
        ]  # fmt: skip
        widgets = {
            "address": limits.Textarea(attrs={"rows": 2}),
            "how_to_refer": limits.Textarea(attrs={"rows": 3}),
            "notes": limits.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["languages"].choices = language_choices()
        self.fields["order"].required = False
        self.fields["public"].help_text = _(
            "The public site's page on help abroad shows it, with its descriptions written under Public site."
        )

    def clean_order(self):
        # Only the public site's order: a form that leaves it out keeps the one stored.
        order = self.cleaned_data.get("order")
        return self.instance.order if order is None else order

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public") and not cleaned.get("public_group"):
            self.add_error("public_group", _("Choose the section of the public site that shows it."))
        return cleaned
