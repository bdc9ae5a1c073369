from django.urls import path

from ostoja.services import views

app_name = "services"

urlpatterns = [
    path("cases/<int:case_pk>/", views.deliveries, name="deliveries"),
    path("cases/<int:case_pk>/new/", views.delivery_new, name="delivery_new"),
    path("deliveries/<int:pk>/", views.delivery_detail, name="delivery"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.service_edit, name="service_new"),
    path("catalogue/<int:pk>/", views.service_edit, name="service_edit"),
]
