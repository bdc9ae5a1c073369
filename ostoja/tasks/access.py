"""Who may see and close tasks: what they may do on the task's case (``cases/access.py``).

A task is read through its case (VIEW); it is set on a case by whoever may record their work there
(DELIVER). Every load is audited here, with the case and the person as related records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from ostoja.cases.access import Perm, get_case_record_for
from ostoja.tasks.models import Task

SET_TASK = Perm.DELIVER


def get_task_for(
    request: HttpRequest, pk: int, need: Perm = Perm.VIEW, *, details: Mapping[str, Any] | None = None
) -> Task:
    """The task ``pk`` with its case (``task.case``); 404/403 as for the case."""
    return get_case_record_for(
        request, Task.objects.select_related("owner"), pk, need, object_type="task", details=details
    )
