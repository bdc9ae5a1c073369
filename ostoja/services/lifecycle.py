"""Services' part in the person's own copy: every service delivered to them."""

from __future__ import annotations

from typing import Any

from ostoja.plugins import StaffRef, SubjectRecord, SubjectSection
from ostoja.services.models import Delivery


def _label(field: str) -> Any:
    return Delivery._meta.get_field(field).verbose_name


def subject_data(person: Any) -> list[SubjectSection]:
    deliveries = Delivery.objects.filter(case__person=person).select_related(
        "case", "service", "delivered_by"
    )
    records = [
        SubjectRecord(
            f"{delivery.service} — {delivery.case.number}",
            [
                (_label("delivered_on"), delivery.delivered_on),
                (_label("minutes"), delivery.minutes),
                (
                    _label("delivered_by"),
                    StaffRef(delivery.delivered_by, _label("delivered_by"))
                    if delivery.delivered_by_id
                    else delivery.provider,
                ),
                (_label("outcome"), delivery.outcome),
            ],
            ("delivery", delivery.pk),
        )
        for delivery in deliveries.order_by("delivered_on", "pk")
    ]
    return [SubjectSection("services", Delivery._meta.verbose_name_plural, records, order=70)]
