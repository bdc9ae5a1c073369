from django.urls import include, path

from ostoja.web import views as web_views

urlpatterns = [
    path("", include("ostoja.web.urls")),
    path("", include("ostoja.accounts.urls")),
    path("audit/", include("ostoja.audit.urls")),
    path("", include("ostoja.cases.urls")),
    path("hotline/", include("ostoja.hotline.urls")),
    path("identification/", include("ostoja.identification.urls")),
    path("", include("ostoja.public.urls")),
]

handler400 = web_views.bad_request
handler403 = web_views.forbidden
handler404 = web_views.not_found
handler500 = web_views.server_error
