from django.urls import path

from ostoja.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.mfa, name="mfa"),
    path("sign-out/", views.sign_out, name="logout"),
    path("account/password/", views.password_change, name="password_change"),
    path("language/", views.set_language, name="set_language"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views.staff_action, {"action": "deactivate"}, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_action, {"action": "reactivate"}, name="staff_reactivate"),
    path("staff/<int:pk>/reset-mfa/", views.staff_action, {"action": "reset_mfa"}, name="staff_reset_mfa"),
]
