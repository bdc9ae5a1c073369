from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.demo import staff


class Command(BaseCommand):
    help = "Prints the current TOTP code of a demo account (demo mode only), for trying the demo without a phone."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        try:
            staff.assert_demo_mode()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        device = TOTPDevice.objects.filter(user__username=options["username"], confirmed=True).first()
        if device is None:
            raise CommandError("No demo account with an authenticator has that username.")
        self.stdout.write(staff.current_code(device))
