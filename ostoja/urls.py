from django.urls import include, path

from ostoja.public.views import errors as public_errors
from ostoja.web import views as web_views

urlpatterns = [
    path("", include("ostoja.web.urls")),
    path("", include("ostoja.accounts.urls")),
    path("audit/", include("ostoja.audit.urls")),
    path("", include("ostoja.cases.urls")),
    path("hotline/", include("ostoja.hotline.urls")),
    path("identification/", include("ostoja.identification.urls")),
    path("partners/", include("ostoja.partners.urls")),
    path("consent/", include("ostoja.consent.urls")),
    path("referrals/", include("ostoja.referrals.urls")),
    path("tasks/", include("ostoja.tasks.urls")),
    path("casefiles/", include("ostoja.casefiles.urls")),
    path("assessments/", include("ostoja.assessments.urls")),
    path("legal/", include("ostoja.legal.urls")),
    path("plans/", include("ostoja.plans.urls")),
    path("services/", include("ostoja.services.urls")),
    path("shelter/", include("ostoja.shelter.urls")),
    path("statistics/", include("ostoja.statistics.urls")),
    path("retention/", include("ostoja.retention.urls")),
    path("", include("ostoja.public.urls")),
]

handler400 = web_views.bad_request
handler403 = web_views.forbidden
# A public address gets the public page in its language (no cookie); the rest, the staff page.
handler404 = public_errors.not_found
handler500 = web_views.server_error
