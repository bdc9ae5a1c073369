from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ostoja.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_track_session, dispatch_uid="ostoja_track_session")


def _track_session(sender, request, user, **kwargs) -> None:
    # Bookkeeping only: lets "deactivate" end every session of a user at once.
    from ostoja.accounts.services import session_started

    if not request.session.session_key:
        request.session.save()
    session_started(session_key=request.session.session_key, user=user)
