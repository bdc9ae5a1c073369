"""Arabic names now match their Latin spellings by rule too, not only through the list of common
names (vault/normalise.py, "Arabic skeletons"): every person's search tokens are computed again.

As in 0008, the folding lives in code, so this runs the command that rebuilds the index
(``ostoja rebuild-search-index``); on an empty database it does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def rebuild(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    if Person.objects.exists():
        call_command("rebuild_search_index", verbosity=0)


class Migration(migrations.Migration):
    atomic = False  # the command commits batch by batch: no one transaction over every person
    dependencies = [("people", "0009_plain_labels")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
