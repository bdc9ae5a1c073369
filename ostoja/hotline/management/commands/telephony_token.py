from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ostoja.hotline.models import TelephonyToken
from ostoja.hotline.telephony import token_create, token_revoke


class Command(BaseCommand):
    help = (
        "Manages the telephone system's API keys. 'create NAME [--user USERNAME]' prints a new key once "
        "(only its hash is kept); 'revoke NAME' stops every key of that name; 'list' shows them. "
        "Creating and revoking are written to the audit log."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["create", "revoke", "list"])
        parser.add_argument("name", nargs="?", default="")
        parser.add_argument("--user", default="", help="Service account the API's audit rows are written as.")

    def handle(self, *args, action: str, name: str, user: str, **options) -> None:
        if action == "list":
            for token in TelephonyToken.objects.order_by("pk"):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.pk}\t{token.name}\t{state}\t{token.last_used_at or '-'}")
            return
        if not name:
            raise CommandError("Give the key a name.")
        if action == "revoke":
            count = token_revoke(name=name)
            self.stdout.write(f"Revoked {count} key(s).")
            return
        service_user = None
        if user:
            service_user = get_user_model().objects.filter(username=user).first()
            if service_user is None:
                raise CommandError(f"No account {user!r}.")
        secret = token_create(name=name, service_user=service_user)
        self.stdout.write(secret)
