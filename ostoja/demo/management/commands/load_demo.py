from django.core.management.base import BaseCommand, CommandError

from ostoja.demo import staff


class Command(BaseCommand):
    help = "Loads the fictional demo data (staff, persons, cases, identification, hotline, support, legal matters, safe accommodation, case files, public site). Demo mode only; safe to run twice."

    def handle(self, *args, **options):
        try:
            staff.assert_demo_mode()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        from ostoja.demo.casefiles import ensure_demo_casefiles
        from ostoja.demo.hotline import ensure_demo_hotline
        from ostoja.demo.identification import ensure_demo_identification
        from ostoja.demo.legal import ensure_demo_legal
        from ostoja.demo.public import ensure_demo_public
        from ostoja.demo.records import ensure_demo_records
        from ostoja.demo.referrals import ensure_demo_referrals
        from ostoja.demo.retention import ensure_demo_retention
        from ostoja.demo.shelter import ensure_demo_shelter
        from ostoja.demo.statistics import ensure_demo_statistics
        from ostoja.demo.support import ensure_demo_support

        users = staff.ensure_demo_staff()
        self.stdout.write(f"Demo staff: {len(users)} accounts.")
        for line in [
            *ensure_demo_records(),
            *ensure_demo_identification(),
            *ensure_demo_hotline(),
            *ensure_demo_support(),
            *ensure_demo_legal(),
            *ensure_demo_shelter(),
            *ensure_demo_public(),
            *ensure_demo_referrals(),
            *ensure_demo_casefiles(),
            *ensure_demo_statistics(),
            *ensure_demo_retention(),
        ]:
            self.stdout.write(line)
