from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from ostoja.accounts.lockout import prune_old_failures
from ostoja.accounts.models import StaffSession
from ostoja.audit.services import close_expired_grants
from ostoja.hotline.escalation import escalate_overdue
from ostoja.web import ratelimit


class Command(BaseCommand):
    help = (
        "Periodic upkeep, safe to run every few minutes (systemd timer or cron): escalates urgent "
        "interventions nobody has taken, ends expired break-glass grants (writing their audit rows), removes expired sessions and old sign-in failures."
    )

    def handle(self, *args, **options):
        grants = close_expired_grants()
        escalated = escalate_overdue()
        sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        orphans, _ = StaffSession.objects.exclude(
            session_key__in=Session.objects.values("session_key")
        ).delete()
        failures = prune_old_failures()
        counters = ratelimit.prune()
        self.stdout.write(
            f"Break-glass grants ended: {grants}; overdue emergencies escalated: {escalated}; "
            f"expired sessions removed: {sessions + orphans}; "
            f"old sign-in failures removed: {failures}; rate counters removed: {counters}."
        )
