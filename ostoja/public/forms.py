from __future__ import annotations

import hashlib
import secrets
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ostoja import limits

TOKEN_SALT = "ostoja.public.report-form"  # noqa: S105 — a signing namespace, not a secret
MIN_FILL_SECONDS = 3
TOKEN_MAX_AGE = 24 * 3600

# Django's own messages are not translated into every public language (Filipino is missing), so
# the public form brings its own.
REQUIRED = {"required": _("Please write something here.")}


TOO_LONG = {"max_length": _("Please shorten this text to %(limit_value)d characters.")}


def new_form_token() -> str:
    """A signed token carrying when the form was shown: no cookie and no session needed.

    The random part makes every token different, even for two forms shown at the same instant,
    since each token files one report only.
    """
    return signing.dumps({"shown": time.time(), "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_age(token: str) -> float | None:
    """Seconds since the form was shown, or None if the token is forged or too old."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return time.time() - float(payload.get("shown", 0))


class ReportForm(forms.Form):
    REPORTER_KINDS = [
        ("", _("I prefer not to say")),
        ("person", _("I need help myself")),
        ("family", _("I am worried about a family member or friend")),
        ("witness", _("I saw something that worries me")),
        ("other", _("Other (for example, an organisation)")),
    ]

    text = forms.CharField(
        label=_("What is happening?"),
        help_text=_(
            "Write in any language. Do not write anything that could harm you if someone else reads it."
        ),
        max_length=20000,
        widget=limits.Textarea(attrs={"rows": 8}),
        error_messages={**REQUIRED, **TOO_LONG},
    )
    reporter_kind = forms.ChoiceField(
        label=_("Who are you writing about? (optional)"),
        choices=REPORTER_KINDS,
        required=False,
        widget=forms.RadioSelect,
    )
    location = forms.CharField(
        label=_("Where is it happening? Town or country (optional)"),
        max_length=200,
        required=False,
        error_messages=TOO_LONG,
    )
    contact_details = forms.CharField(
        label=_("How can we reach you? Phone, e-mail or other (optional)"),
        help_text=_("Leave this empty to stay anonymous."),
        max_length=2000,
        required=False,
        error_messages=TOO_LONG,
    )
    safe_to_contact = forms.CharField(
        label=_("Is it safe to contact you? When and how? (optional)"),
        help_text=_("For example: only text messages, only after 6 p.m., do not leave voice messages."),
        max_length=2000,
        required=False,
        widget=limits.Textarea(attrs={"rows": 3}),
        error_messages=TOO_LONG,
    )
    # A field people never see (hidden by the stylesheet) and robots fill in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["contact_details"].widget.attrs.update({"autocomplete": "off"})
        self.fields["location"].widget.attrs.update({"autocomplete": "off"})

    def visible_report_fields(self):
        return [self[name] for name in ("text", "reporter_kind", "location")]

    def contact_fields(self):
        return [self[name] for name in ("contact_details", "safe_to_contact")]
