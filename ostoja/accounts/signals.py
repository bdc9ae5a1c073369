"""Signals other apps listen to, so accounts need not know them (accounts knows nothing of the domain).

``staff_deactivated`` is sent inside the deactivation's transaction with ``user`` and ``request``
(None from a command); receivers withdraw whatever lets the account in from elsewhere (calendar
feed addresses), so that reactivating the account does not bring it back.
"""

from django.dispatch import Signal

staff_deactivated = Signal()
