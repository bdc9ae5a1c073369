from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.models import User
from ostoja.accounts.passkeys import passkeys_of
from ostoja.accounts.roles import Role
from ostoja.versions import VersionField

# Far above any real password; bounds the work of hashing what a stranger sends.
PASSWORD_MAX_LENGTH = 1024


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return code


class RolesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Role.choices,
            widget=forms.CheckboxSelectMultiple,
            label=_("Roles"),
            **kwargs,
        )


class StaffCreateForm(forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "work_phone", "language", "discipline"]
        widgets = {"language": forms.Select(choices=settings.LANGUAGES)}


class StaffEditForm(forms.ModelForm):
    roles = RolesField()
    version = VersionField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "work_phone", "language", "discipline"]
        widgets = {"language": forms.Select(choices=settings.LANGUAGES)}


class ConfirmWithPasswordForm(forms.Form):
    """Sensitive account actions need the acting administrator's password again."""

    prefix = "confirm"

    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.actor.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password


class GrantDecisionForm(ConfirmWithPasswordForm):
    """Confirming or declining a role asked for by another administrator, with one's password."""

    prefix = None
    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )


class NewPasswordForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password."),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self) -> str:
        password = self.cleaned_data["old_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("new_password1"), cleaned.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", _("The two new passwords differ."))
        elif one:
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
            if cleaned.get("old_password") == one:
                self.add_error(
                    "new_password1",
                    _("Choose a password different from the current one."),
                )
        return cleaned


class PasswordAgainForm(forms.Form):
    """Sign-in settings change only after the user gives their password again."""

    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="wrong_password")
        return password


class PasskeyAddForm(PasswordAgainForm):
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        help_text=_("So you can tell your passkeys apart, e.g. “work laptop” or “security key”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

    field_order = ["name", "password"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the passkey a name."))
        if passkeys_of(self.user).filter(name__iexact=name).exists():
            raise forms.ValidationError(_("You already have a passkey with this name."))
        return name


class SignInPolicyForm(PasswordAgainForm):
    version = VersionField()
    passkey_roles = forms.MultipleChoiceField(
        label=_("Roles that must sign in with a passkey"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Staff in these roles confirm every sign-in with a passkey; the authenticator app is no "
            "longer accepted for them once they have one. Who has none yet sets one up at the next "
            "sign-in, after their authenticator app code."
        ),
    )

    field_order = ["passkey_roles", "password"]
