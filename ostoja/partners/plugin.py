"""The partner directory in the staff navigation; its organisations named in the audit log."""

from django.utils.translation import gettext_lazy

from ostoja.cases import naming
from ostoja.partners.models import Organisation
from ostoja.plugins import NavItem, Plugin, RecordKind

plugin = Plugin(
    navigation=[NavItem(gettext_lazy("Partner directory"), "partners:directory", None, 65)],
    records=[RecordKind("partner", gettext_lazy("partner organisation"), naming.by_label(Organisation))],
)
