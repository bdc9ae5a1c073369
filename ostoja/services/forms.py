from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ostoja import dates, limits, versions
from ostoja.accounts.models import User
from ostoja.plans.models import Goal
from ostoja.services.models import Delivery, Service
from ostoja.web.once import OnceField


class DeliveryForm(forms.ModelForm):
    token = OnceField()

    class Meta:
        model = Delivery
        fields = ["service", "delivered_on", "delivered_by", "provider", "minutes", "cost", "outcome", "goal"]
        field_classes = {"delivered_on": dates.DateField.within(dates.ASSESSED)}
        widgets = {"outcome": limits.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, team: list[User], goals: list[Goal], own_only: User | None, **kwargs):
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        service.queryset = Service.objects.filter(active=True)
        service.error_messages["invalid_choice"] = _("Choose a service from the centre's catalogue.")
        by = self.fields["delivered_by"]
        by.queryset = User.objects.filter(pk__in=[own_only.pk] if own_only else [u.pk for u in team])
        if own_only is not None:  # a specialist records their own work
            by.required, by.empty_label = True, None
            self.fields.pop("provider")
        goal = self.fields["goal"]
        goal.queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        goal.label_from_instance = lambda g: f"{g.get_domain_display()}: {g.goal[:80]}"
        self.fields["cost"].min_value = 0
        self.fields["cost"].widget.attrs["min"] = "0"

    def clean(self):
        data = super().clean()
        if (
            not data.get("delivered_by")
            and not (data.get("provider") or "").strip()
            and "delivered_by" not in self.errors
        ):
            self.add_error(
                "delivered_by", _("Say who delivered it: a member of staff or an outside provider.")
            )
        if data.get("cost") is not None and data["cost"] < 0:
            self.add_error("cost", _("A cost cannot be negative."))
        return data


class ServiceForm(forms.ModelForm):
    version = versions.VersionField()

    class Meta:
        model = Service
        fields = ["code", "name_pl", "name_en", "active", "position"]
        help_texts = {
            "code": _("Letters, digits and underscores; it never changes once services are recorded.")
        }
