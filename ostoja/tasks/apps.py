from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "ostoja.tasks"
    label = "casetasks"  # "tasks" would read as django-tasks' background jobs
    verbose_name = _("Tasks")
