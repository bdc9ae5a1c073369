from django.urls import path

from ostoja.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("break-glass/<int:pk>/end/", views.break_glass_end, name="break_glass_end"),
    path("break-glass/<int:pk>/review/", views.break_glass_review, name="break_glass_review"),
]
