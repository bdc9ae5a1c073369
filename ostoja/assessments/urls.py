from django.urls import path

from ostoja.assessments import views

app_name = "assessments"

urlpatterns = [
    path("cases/<int:case_pk>/needs/new/", views.needs_new, name="needs_new"),
    path("needs/<int:pk>/", views.needs_detail, name="needs"),
    path("cases/<int:case_pk>/safety/new/", views.safety_new, name="safety_new"),
    path("safety/<int:pk>/", views.safety_detail, name="safety"),
]
