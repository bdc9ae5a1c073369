from django.core.management.base import BaseCommand, CommandError

from ostoja.demo import staff


class Command(BaseCommand):
    help = "Loads the fictional demo data (staff, persons, cases). Demo mode only; safe to run twice."

    def handle(self, *args, **options):
        try:
            staff.assert_demo_mode()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        users = staff.ensure_demo_staff()
        self.stdout.write(f"Demo staff: {len(users)} accounts.")
        from ostoja.demo import records

        summary = records.ensure_demo_records()
        for line in summary:
            self.stdout.write(line)
