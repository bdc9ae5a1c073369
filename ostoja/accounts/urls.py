from django.urls import path

from ostoja.accounts import passkey_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.mfa, name="mfa"),
    path("sign-in/passkey/begin/", passkey_views.passkey_sign_in_begin, name="passkey_sign_in_begin"),
    path(
        "sign-in/passkey/complete/", passkey_views.passkey_sign_in_complete, name="passkey_sign_in_complete"
    ),
    path("sign-out/", views.sign_out, name="logout"),
    path("account/", passkey_views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/passkeys/add/", passkey_views.passkey_add, name="passkey_add"),
    path("account/passkeys/add/begin/", passkey_views.passkey_register_begin, name="passkey_register_begin"),
    path(
        "account/passkeys/add/complete/",
        passkey_views.passkey_register_complete,
        name="passkey_register_complete",
    ),
    path("account/passkeys/<int:pk>/remove/", passkey_views.passkey_remove, name="passkey_remove"),
    path("language/", views.set_language, name="set_language"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/sign-in-policy/", views.sign_in_policy, name="sign_in_policy"),
    path("staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views.staff_action, {"action": "deactivate"}, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_action, {"action": "reactivate"}, name="staff_reactivate"),
    path("staff/<int:pk>/reset-mfa/", views.staff_action, {"action": "reset_mfa"}, name="staff_reset_mfa"),
    path(
        "staff/<int:pk>/reset-password/",
        views.staff_action,
        {"action": "reset_password"},
        name="staff_reset_password",
    ),
    path("staff/roles/", views.grant_list, name="grant_list"),
    path("staff/roles/<int:pk>/", views.grant_decide, name="grant_decide"),
]
