from django.urls import path

from ostoja.tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.my_tasks, name="mine"),
    path("cases/<int:case_pk>/new/", views.task_new, name="new"),
    path("<int:pk>/close/", views.task_close, name="close"),
]
