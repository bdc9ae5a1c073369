"""Name folding now reads Latin names the French way too and Arabic names through their common
Latin spellings (vault/normalise.py): every person's search tokens are computed again.

The folding lives in code, not in the historical models, so this uses the command that rebuilds
the index (``ostoja rebuild-search-index``, which an operator may also run by hand); on an empty
database it does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def rebuild(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    if Person.objects.exists():
        call_command("rebuild_search_index", verbosity=0)


class Migration(migrations.Migration):
    atomic = False  # the command commits batch by batch: no one transaction over every person
    dependencies = [("people", "0007_text_limits")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
