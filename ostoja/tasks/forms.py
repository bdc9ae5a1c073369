from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits
from ostoja.accounts.models import User
from ostoja.tasks.codes import TaskKind
from ostoja.tasks.models import Task
from ostoja.web.once import OnceField


class TaskForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = Task
        fields = ["kind", "details", "owner", "due_on"]
        field_classes = {"due_on": dates.DateField.within(dates.DUE)}
        widgets = {"details": limits.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, team: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in TaskKind if k != TaskKind.SAFETY_REVIEW]
        owner = self.fields["owner"]
        owner.queryset = User.objects.filter(pk__in=[u.pk for u in team]).order_by("last_name", "first_name")
        owner.label = _("Who does it")
        owner.empty_label = None
