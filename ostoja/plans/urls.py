from django.urls import path

from ostoja.plans import views

app_name = "plans"

urlpatterns = [
    path("cases/<int:case_pk>/start/", views.plan_start, name="start"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/approve/", views.plan_approve, name="approve"),
    path("<int:pk>/compare/", views.plan_compare, name="compare"),
]
