"""Forms of the staff pages for the public site (/public-admin/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja.public import languages, library
from ostoja.public.models import Partner


class PublicTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            'A blank line starts a new paragraph. A line starting with "- " is a list item; '
            'a line starting with "## " is a subheading. HTML is shown as typed, never run.'
        ),
    )


class ContactForm(forms.Form):
    phone = forms.CharField(label=_("Phone (answered 24/7 in emergencies)"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    postal_address = forms.CharField(
        label=_("Postal address"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "name", "kind", "country", "places", "website", "phone", "counselling_languages", "order", "active",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {d.language: d.text for d in self.instance.descriptions.all()}
        for language in languages.PUBLIC_LANGUAGES:
            name = f"description_{language.code}"
            self.fields[name] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language.native_name},
                required=False,
                max_length=3000,
                initial=existing.get(language.code, ""),
                widget=forms.Textarea(attrs={"rows": 2, "lang": language.code, "dir": language.direction}),
            )

    def descriptions(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"description_{code}", "") for code in languages.CODES}

    def description_fields(self):
        return [self[f"description_{code}"] for code in languages.CODES]

    def main_fields(self):
        return [self[name] for name in self.Meta.fields]


class LibraryUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the document"), choices=languages.CHOICES)
    description = forms.CharField(
        label=_("Short description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label=_("PDF file (at most 20 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["data"] = library.read_upload(upload)
        return upload
