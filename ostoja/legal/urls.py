from django.urls import path

from ostoja.legal import views

app_name = "legal"

urlpatterns = [
    path("cases/<int:case_pk>/", views.overview, name="overview"),
    path("cases/<int:case_pk>/proceedings/new/", views.proceeding_new, name="proceeding_new"),
    path("proceedings/<int:pk>/edit/", views.proceeding_edit, name="proceeding_edit"),
    path("proceedings/<int:pk>/hearings/new/", views.hearing_new, name="hearing_new"),
    path("hearings/<int:pk>/edit/", views.hearing_edit, name="hearing_edit"),
    path("cases/<int:case_pk>/cooperation/new/", views.decision_new, name="decision_new"),
    path("cases/<int:case_pk>/residence/new/", views.residence_new, name="residence_new"),
    path("cases/<int:case_pk>/matters/new/", views.matter_new, name="matter_new"),
    path("matters/<int:pk>/edit/", views.matter_edit, name="matter_edit"),
]
