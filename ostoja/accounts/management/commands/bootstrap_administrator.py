"""``ostoja bootstrap-administrator USERNAME``: the first two administrators of a new installation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ostoja.accounts import services
from ostoja.accounts.models import User


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Gives an existing account the administrator role while fewer than two administrators are "
            "active (a second administrator confirms every later one). Written to the audit log."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No account %(username)s.") % {"username": username})
        try:
            services.bootstrap_administrator(user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(_("%(username)s is now an administrator.") % {"username": username})
