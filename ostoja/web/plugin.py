"""What the staff shell adds: the dashboard entry and the upkeep of its rate counters."""

from django.utils.translation import gettext_lazy as _

from ostoja.plugins import Job, NavItem, Plugin
from ostoja.web import ratelimit, worker

plugin = Plugin(
    navigation=[NavItem(_("Dashboard"), "web:dashboard", order=0)],
    housekeeping=[
        Job("rate_counters", _("rate counters removed"), ratelimit.prune),
        # Tasks left running by a worker that died: queued again, or given up after too many tries;
        # each one is named in the log. Then the tasks that failed lately, named in the log too.
        Job("stuck_tasks", _("stuck background tasks queued again or given up"), worker.recover_stuck_count),
        Job("failed_tasks", _("background tasks failed in the last 7 days"), worker.report_failed),
        Job("worker_heartbeats", _("old worker heartbeats removed"), worker.prune_heartbeats),
    ],
)
