from django.core.management.base import BaseCommand, CommandError

from ostoja import plugins


class Command(BaseCommand):
    help = (
        "Periodic upkeep, safe to run every few minutes (systemd timer or cron): runs every app's "
        "housekeeping jobs (their plug-ins' ``housekeeping``): escalating urgent interventions nobody "
        "has taken, ending expired break-glass grants (with their audit rows), removing expired "
        "sessions, old sign-in failures and rate counters, forgetting used report-form tokens, "
        "lapsing role requests nobody confirmed. --job runs one of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", default=[], help="run only this job (repeatable)")

    def handle(self, *args, job, **options):
        jobs = plugins.housekeeping()
        unknown = set(job) - {j.name for j in jobs}
        if unknown:
            raise CommandError(
                f"No such job: {', '.join(sorted(unknown))}. Jobs: {', '.join(j.name for j in jobs)}."
            )
        done = [f"{j.label}: {j.run()}" for j in jobs if not job or j.name in job]
        self.stdout.write("; ".join(str(line) for line in done) + ".")
