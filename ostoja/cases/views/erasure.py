"""The erasure of a person (or of one value or record at their request): reason, then a second confirmation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.cases import erasure
from ostoja.cases.access import Perm, get_person_for
from ostoja.cases.forms import EraseForm
from ostoja.http import form_data
from ostoja.people.codes import ChannelKind, DocumentKind
from ostoja.people.models import ContactChannel, IdentityDocument, Person, PersonPhoto

EVERYTHING = "person"


def _choices(person: Person) -> list[tuple[str, str]]:
    """What can be erased, named by fields and kinds of record only (never a value)."""
    choices = [(EVERYTHING, _("Everything about this person, for ever"))]
    for field in erasure.erasable_fields(person):
        choices.append(
            (f"field:{field.name}", _("One value: %(field)s") % {"field": capfirst(field.verbose_name)})
        )
    kinds = dict(ChannelKind.choices)
    for pk, kind in ContactChannel.objects.filter(person=person).order_by("pk").values_list("pk", "kind"):
        choices.append((f"channel:{pk}", _("A contact channel: %(kind)s") % {"kind": kinds.get(kind, kind)}))
    documents = dict(DocumentKind.choices)
    for pk, kind in IdentityDocument.objects.filter(person=person).order_by("pk").values_list("pk", "kind"):
        choices.append(
            (f"document:{pk}", _("An identity document: %(kind)s") % {"kind": documents.get(kind, kind)})
        )
    photo = PersonPhoto.objects.filter(person=person).values_list("pk", flat=True).first()
    if photo is not None:
        choices.append((f"photo:{photo}", _("The photo")))
    return choices


def _erase(request: HttpRequest, person: Person, what: str, reason: str) -> None:
    if what == EVERYTHING:
        erasure.erase_person(person, request.user, reason)
        return
    kind, _sep, ref = what.partition(":")
    if kind == "field":
        erasure.erase_part(person, person, request.user, reason, field=ref)
        return
    model: Any = {"channel": ContactChannel, "document": IdentityDocument, "photo": PersonPhoto}[kind]
    record = model.objects.get(pk=int(ref), person=person)
    erasure.erase_part(person, record, request.user, reason)


@role_required(Role.SUPERVISOR, Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk, Perm.EXISTS, details={"form": "erase"})
    if person.merged_into_id:
        return redirect("cases:person_erase", pk=person.merged_into_id)
    form = EraseForm(form_data(request), choices=_choices(person))
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            confirming = True  # the second confirmation: the same answers shown again, one button
        else:
            try:
                _erase(request, person, data["what"], data["reason"])
            except erasure.ErasureRefused as refusal:
                for reason in refusal.reasons:
                    form.add_error(None, reason)
            else:
                if data["what"] == EVERYTHING:
                    messages.success(
                        request, _("The person is erased. Their data can no longer be read anywhere.")
                    )
                else:
                    messages.success(request, _("Erased, with the reason recorded."))
                return redirect("cases:person_detail", pk=person.pk)
    chosen = dict(form.fields["what"].choices).get(form.data.get("what", "")) if confirming else None
    return render(
        request,
        "cases/person_erase.html",
        {
            "form": form,
            "person": person,
            "confirming": confirming,
            "chosen": chosen,
            "blockers": erasure.blockers(person),
            "cases": list(person.cases.order_by("-opened_on").values_list("number", flat=True)),
        },
    )
