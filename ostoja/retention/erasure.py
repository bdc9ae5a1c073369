"""The one call point for erasing a person at the end of their period.

The erasure itself (destroying the person's key, keeping what statistics need as codes) is the job of
the app that keeps persons, which provides ``erase_person(person, actor, reason)`` through its plugin
(``Plugin.erase_person``). Until one does, erasing a person is refused with a clear message and nothing
changes; records that are nobody's are erased by their own apps (``RetentionKind.carry_out``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ostoja import plugins


class ErasureUnavailable(Exception):
    """No app provides the erasure of a person."""


def erase_person(person: Any, actor: Any, reason: str) -> None:
    hook = plugins.erase_person()
    if hook is None:
        raise ErasureUnavailable(
            _(
                "Erasing a person is not available in this installation yet. Postpone the record or ask the administrator."
            )
        )
    hook(person, actor, reason)
