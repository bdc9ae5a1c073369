from django.core.management.base import BaseCommand

from ostoja.hotline.escalation import escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalates every urgent intervention nobody has taken within OSTOJA_ESCALATION_MINUTES: "
        "marks it escalated and e-mails the supervisor on call. Safe to run as often as you like."
    )

    def handle(self, *args, **options) -> None:
        count = escalate_overdue()
        self.stdout.write(f"Escalated {count} intervention(s).")
