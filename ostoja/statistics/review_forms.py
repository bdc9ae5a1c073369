"""The case manager's form for the ministry questionnaire's answers the case does not hold."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja.people.countries import country_choices
from ostoja.statistics.answer_codes import COUNTRY_NOT_KNOWN
from ostoja.statistics.models import QuestionnaireAnswers
from ostoja.statistics.questionnaire import ANSWER_FIELDS, COUNTRY_FIELDS
from ostoja.versions import VersionField

EMPTY = ("", "—")


def _countries() -> list[tuple[str, str]]:
    return [EMPTY, (COUNTRY_NOT_KNOWN, str(_("Country not known"))), *country_choices()]


class QuestionnaireForm(forms.ModelForm):
    """Choices only (codes), none required to save; confirming the questionnaire complete needs an
    answer ("not known" is one) to every question shown."""

    version = VersionField()
    reviewed = forms.BooleanField(
        label=_(
            "I have reviewed the questionnaire: every answer is given (“not known” where it is not known)"
        ),
        required=False,
    )

    class Meta:
        model = QuestionnaireAnswers
        fields = list(ANSWER_FIELDS)

    def __init__(self, *args, ask_age: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not ask_age:
            del self.fields["age_band"]
        for name in COUNTRY_FIELDS:
            field = self.fields[name]
            self.fields[name] = forms.ChoiceField(
                label=field.label, choices=_countries, required=False, help_text=field.help_text
            )
        if "age_band" in self.fields:
            self.fields["age_band"].help_text = _(
                "The person's record gives no date of birth or estimated age: the group you choose is counted."
            )
        self.initial.setdefault("reviewed", self.instance.reviewed_at is not None)

    def clean(self):
        data = super().clean()
        # Saved unchanged, a questionnaire confirmed earlier stays as it is (a question may have been
        # added since): only a change is held to the rule.
        if data.get("reviewed") and self.has_changed():
            for name in self.fields:
                if name in ("version", "reviewed") or name in self.errors:
                    continue
                if not data.get(name):
                    self.add_error(
                        name,
                        _("Choose an answer (or “not known”) before confirming the questionnaire complete."),
                    )
        return data
