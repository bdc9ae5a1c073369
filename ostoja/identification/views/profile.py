"""The exploitation profile of a case, with its countries and, for a minor, the representative."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data
from ostoja.identification import services
from ostoja.identification.forms import JourneyFormSet, ProfileForm, RepresentativeForm
from ostoja.identification.models import ExploitationProfile, JourneyCountry, Representative
from ostoja.identification.views.common import record

PROFILE_FIELDS = ProfileForm.Meta.fields


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.CHANGE, details={"form": "exploitation_profile"})
    profile = ExploitationProfile.objects.filter(case=case).first() or ExploitationProfile(case=case)
    profile.case = case
    conflict = None
    representative = Representative.objects.filter(case=case).first() or Representative(case=case)
    data = form_data(request)
    form = ProfileForm(data, instance=profile, initial={"version": versions.version_of(profile)})
    journey = JourneyFormSet(
        data,
        prefix="journey",
        initial=[
            {"stage": j.stage, "country": j.country, "date_from": j.date_from, "date_to": j.date_to}
            for j in (profile.journey_in_order() if profile.pk else [])
        ],
    )
    rep_form = RepresentativeForm(data, instance=representative, prefix="rep")
    # The representative's fields appear for a minor, and as soon as the box is ticked and saved.
    minor = (
        case.person.is_minor
        or profile.minor_at_time
        or (data is not None and bool(data.get("minor_at_time")))
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and journey.is_valid()
        and (not minor or rep_form.is_valid())
    ):
        rows = [
            JourneyCountry(**{k: f.cleaned_data[k] for k in ("stage", "country", "date_from", "date_to")})
            for f in journey.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.is_blank()
        ]
        try:
            services.profile_save(
                profile=form.instance, journey=rows, actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )  # fmt: skip
        except versions.StaleVersion:
            current = ExploitationProfile.objects.get(case=case)
            form, conflict = versions.conflict(
                form, current=current, fields=PROFILE_FIELDS,
                make_form=lambda data: ProfileForm(data, instance=current),
                message=_(
                    "Someone else saved this profile while you were editing. Your entries are kept below: check them against the saved profile and save again."
                ),
            )  # fmt: skip
        else:
            fields = ["profile"]
            if minor and rep_form.cleaned_data.get("name"):
                services.representative_save(representative=rep_form.instance, actor=request.user)
                fields.append("representative")
            record(request, "update", "exploitation_profile", form.instance.pk, case, {"fields": fields})
            if minor and not Representative.objects.filter(case=case).exists():
                messages.warning(
                    request,
                    _("Saved. The person is or was a minor: record the guardian or representative below."),
                )
                return redirect("identification:profile_edit", case_pk=case.pk)
            messages.success(request, _("The exploitation profile is saved."))
            return redirect("identification:case_overview", case_pk=case.pk)
    context = {
        "case": case, "form": form, "journey": journey, "rep_form": rep_form, "minor": minor, "conflict": conflict,
    }  # fmt: skip
    return render(request, "identification/profile_edit.html", context, status=400 if form.is_bound else 200)
