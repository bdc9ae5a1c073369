from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits, versions
from ostoja.accounts.models import User
from ostoja.plans.models import Goal, SupportPlan


class PlanForm(forms.ModelForm):
    version = versions.VersionField()

    class Meta:
        model = SupportPlan
        fields = ["agreed", "agreement_words", "agreement_language", "interpreter", "review_on"]
        field_classes = {"review_on": dates.DateField.within(dates.DUE)}
        widgets = {"agreement_words": limits.Textarea(attrs={"rows": 2})}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["domain", "goal", "actions", "owner", "partner", "due_on"]
        field_classes = {"due_on": dates.DateField.within(dates.DUE)}
        widgets = {
            "goal": limits.Textarea(attrs={"rows": 2}),
            "actions": limits.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, team: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(pk__in=[u.pk for u in team])
        self.fields["goal"].required = False  # an empty row is left out; a row with content needs it

    def clean(self):
        data = super().clean()
        if any(data.get(f) for f in ("actions", "owner", "partner", "due_on")) and not data.get("goal"):
            self.add_error("goal", _("Say what the goal is."))
        if data.get("goal") and not data.get("domain"):
            self.add_error("domain", _("Choose the domain of the goal."))
        return data


class BaseGoalFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, team: list[User], **kwargs):
        self.team = team
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "team": self.team}

    def goals(self) -> list[Goal]:
        found = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("goal") and not data.get("DELETE"):
                found.append(Goal(**{f: data.get(f) for f in GoalForm.Meta.fields}))
        return found


GoalFormSet = forms.modelformset_factory(
    Goal, form=GoalForm, formset=BaseGoalFormSet, extra=2, can_delete=True, max_num=60, absolute_max=60
)
