from django.urls import path

from ostoja.identification.views import checklist, interpreters, profile, screening, status

app_name = "identification"

urlpatterns = [
    path("checklist/", checklist.checklist, name="checklist"),
    path("confirmations/", status.confirmations, name="confirmations"),
    path("interpreters/", interpreters.interpreters, name="interpreters"),
    path(
        "interpreters/<int:pk>/availability/",
        interpreters.interpreter_availability,
        name="interpreter_availability",
    ),
    path("cases/<int:case_pk>/", status.case_overview, name="case_overview"),
    path("cases/<int:case_pk>/status/", status.status_change, name="status_change"),
    path("cases/<int:case_pk>/profile/", profile.profile_edit, name="profile_edit"),
    path("cases/<int:case_pk>/screenings/new/", screening.screening_start, name="screening_start"),
    path("screenings/<int:pk>/", screening.screening_result, name="screening_result"),
    path("screenings/<int:pk>/step/<int:step>/", screening.screening_step, name="screening_step"),
    path("screenings/<int:pk>/complete/", screening.screening_complete, name="screening_complete"),
    path("screenings/<int:pk>/correct/", screening.screening_correct, name="screening_correct"),
    path("status/<int:pk>/review/", status.status_review, name="status_review"),
]
