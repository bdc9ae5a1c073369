"""What backups add elsewhere: how the audit log names the backups taken."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from ostoja.plugins import Plugin, RecordKind

plugin = Plugin(records=[RecordKind("backup", gettext_lazy("backup of the whole database"))])
