"""Forms of the staff pages for the public site (/public-admin/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.public import languages, library
from ostoja.versions import VersionField


class PublicTextForm(forms.Form):
    version = VersionField()
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=limits.Textarea(attrs={"rows": 18}),
        help_text=_(
            'A blank line starts a new paragraph. A line starting with "- " is a list item; '
            'a line starting with "## " is a subheading. HTML is shown as typed, never run.'
        ),
    )
    reviewed_by = forms.CharField(
        label=_("Reviewed by (a native speaker)"),
        max_length=200,
        required=False,
        help_text=_(
            "Who, as a native speaker of this language, read this wording against the Polish, and when. "
            "Changed wording becomes a draft again unless you give a new review with it."
        ),
    )
    reviewed_on = dates.DateField(window=dates.TEXT_REVIEW, label=_("Reviewed on"), required=False)

    def clean(self):
        cleaned = super().clean()
        by, on = cleaned.get("reviewed_by", "").strip(), cleaned.get("reviewed_on")
        if by and not on and "reviewed_on" not in self.errors:
            self.add_error("reviewed_on", _("Give the date of the review as well."))
        if on and not by:
            self.add_error("reviewed_by", _("Give the name of whoever reviewed the text as well."))
        cleaned["reviewed_by"] = by
        return cleaned


class ContactForm(forms.Form):
    version = VersionField()
    phone = forms.CharField(label=_("Phone (answered 24/7 in emergencies)"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    postal_address = forms.CharField(
        label=_("Postal address"), max_length=500, required=False, widget=limits.Textarea(attrs={"rows": 3})
    )


class PartnerDescriptionsForm(forms.Form):
    """What the public site says about a directory organisation, in each public language."""

    def __init__(self, *args, existing: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for language in languages.PUBLIC_LANGUAGES:
            self.fields[f"description_{language.code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language.native_name},
                required=False,
                max_length=3000,
                initial=existing.get(language.code, ""),
                widget=limits.Textarea(attrs={"rows": 2, "lang": language.code, "dir": language.direction}),
            )

    def descriptions(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"description_{code}", "") for code in languages.CODES}


class LibraryUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the document"), choices=languages.CHOICES)
    description = forms.CharField(
        label=_("Short description"),
        max_length=1000,
        required=False,
        widget=limits.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label=_("PDF file (at most 20 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["data"] = library.read_upload(upload)
        return upload
