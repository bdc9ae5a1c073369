from django.core.management.base import BaseCommand, CommandError

from ostoja.demo import staff


class Command(BaseCommand):
    help = "Loads the fictional demo data (staff, persons, cases, identification, hotline, public site). Demo mode only; safe to run twice."

    def handle(self, *args, **options):
        try:
            staff.assert_demo_mode()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        from ostoja.demo.hotline import ensure_demo_hotline
        from ostoja.demo.identification import ensure_demo_identification
        from ostoja.demo.public import ensure_demo_public
        from ostoja.demo.records import ensure_demo_records

        users = staff.ensure_demo_staff()
        self.stdout.write(f"Demo staff: {len(users)} accounts.")
        for line in [
            *ensure_demo_records(),
            *ensure_demo_identification(),
            *ensure_demo_hotline(),
            *ensure_demo_public(),
        ]:
            self.stdout.write(line)
