from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from ostoja.accounts.models import User
from ostoja.demo import staff


class Command(BaseCommand):
    help = "Prints the demo accounts with password, TOTP secret and the current code. Demo mode only."

    def handle(self, *args, **options):
        try:
            staff.assert_demo_mode()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        usernames = [row[0] for row in staff.DEMO_STAFF]
        users = User.objects.filter(username__in=usernames).prefetch_related("groups")
        devices = {d.user_id: d for d in TOTPDevice.objects.filter(user__in=users, confirmed=True)}
        line = "-" * 100
        self.stdout.write(line)
        self.stdout.write("Ostoja demo — fictional data. Sign in at http://127.0.0.1:8000/")
        self.stdout.write(f"Password for every demo account: {staff.DEMO_PASSWORD}")
        self.stdout.write("Add the TOTP secret to an authenticator app, or run: ostoja demo-code <username>")
        self.stdout.write(
            f"Passkeys: browsers allow them only on a domain name, so use {settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]}/ "
            "and add one under your name (top right) → Add a passkey."
        )
        self.stdout.write(line)
        self.stdout.write(f"{'username':<14}{'roles':<30}{'TOTP secret (base32)':<44}code now")
        for user in sorted(users, key=lambda u: usernames.index(u.username)):
            device = devices.get(user.pk)
            secret = staff.base32_secret(device) if device else "(not enrolled)"
            code = staff.current_code(device) if device else ""
            self.stdout.write(f"{user.username:<14}{', '.join(sorted(user.roles)):<30}{secret:<44}{code}")
        self.stdout.write(line)
