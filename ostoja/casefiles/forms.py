from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits, versions
from ostoja.casefiles import uploads
from ostoja.casefiles.codes import TEAM_ONLY_KINDS, Level, PaidBy, RestoreStatus, SummaryPurpose
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.people.countries import COUNTRY_CODES, country_choices
from ostoja.web.once import OnceField


class AttachmentForm(forms.ModelForm):
    token = OnceField()
    upload = forms.FileField(
        label=_("File"), allow_empty_file=True,
        help_text=_("A PDF, a JPEG or PNG image, or a DOCX or ODT document. It is stored encrypted."),
    )  # fmt: skip

    class Meta:
        model = Attachment
        fields = ["kind", "level", "title", "upload"]
        widgets = {"level": forms.RadioSelect}

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.file_type, self.content = uploads.check(upload)
        self.filename = uploads.safe_filename(upload.name or "", self.file_type)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") in TEAM_ONLY_KINDS and data.get("level") == Level.CASE:
            self.add_error("level", _("A medical document is read only by the case team and supervisors."))
        return data


class DocumentForm(forms.ModelForm):
    version = versions.VersionField()

    class Meta:
        model = DocumentRestoration
        fields = [
            "document", "country", "authority", "applied_where", "status", "applied_on", "fee", "paid_by",
            "expected_on", "received_on", "notes",
        ]  # fmt: skip
        field_classes = {
            "applied_on": dates.DateField.within(dates.DOCUMENT_STEP),
            "received_on": dates.DateField.within(dates.DOCUMENT_STEP),
            "expected_on": dates.DateField.within(dates.DOCUMENT_EXPECTED),
        }
        widgets = {"notes": limits.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The country is chosen from the list by its name in the reader's language; the code is stored.
        self.fields["country"] = forms.ChoiceField(
            label=self.fields["country"].label, choices=lambda: [("", "—"), *country_choices()]
        )
        self.fields["paid_by"].choices = [("", "—"), *PaidBy.choices]
        self.fields["fee"].min_value = 0
        self.fields["fee"].widget.attrs["min"] = "0"

    def clean_country(self) -> str:
        code = self.cleaned_data["country"]
        if code not in COUNTRY_CODES:
            raise forms.ValidationError(_("Choose the country from the list."))
        return code

    def clean(self):
        data = super().clean()
        fee = data.get("fee")
        if fee is not None and fee < 0:
            self.add_error("fee", _("A fee cannot be negative."))
        elif fee and not data.get("paid_by"):
            self.add_error("paid_by", _("Say who paid the fee."))
        if data.get("status") == RestoreStatus.RECEIVED and not data.get("received_on"):
            self.add_error("received_on", _("Give the date the document was received."))
        if data.get("status") == RestoreStatus.TO_APPLY and data.get("applied_on"):
            self.add_error("status", _("The document has been applied for: choose another status."))
        applied, received = data.get("applied_on"), data.get("received_on")
        if applied and received and received < applied:
            self.add_error("received_on", _("A document cannot be received before it was applied for."))
        return data


class DocumentNewForm(DocumentForm):
    token = OnceField()

    class Meta(DocumentForm.Meta):
        pass


class SummaryForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("What is the summary for?"), choices=[("", "—"), *SummaryPurpose.choices],
        help_text=_("The purpose is kept in the audit log with the summary."),
    )  # fmt: skip
