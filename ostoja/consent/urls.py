from django.urls import path

from ostoja.consent import views

app_name = "consent"

urlpatterns = [
    path("cases/<int:case_pk>/", views.case_consents, name="case_consents"),
    path("<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
