from django.urls import path

from ostoja.referrals import views

app_name = "referrals"

urlpatterns = [
    path("cases/<int:case_pk>/new/", views.referral_new, name="referral_new"),
    path("<int:pk>/", views.referral_detail, name="referral"),
    path("<int:pk>/letter.pdf", views.referral_letter, name="referral_letter"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("incoming/", views.incoming_list, name="incoming_list"),
    path("incoming/new/", views.incoming_new, name="incoming_new"),
    path("incoming/<int:pk>/", views.incoming_detail, name="incoming"),
]
