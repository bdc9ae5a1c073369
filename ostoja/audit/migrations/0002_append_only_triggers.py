from django.db import migrations


def install(apps, schema_editor):
    from ostoja.audit import triggers

    triggers.install(schema_editor)


def remove(apps, schema_editor):
    from ostoja.audit import triggers

    triggers.remove(schema_editor)


class Migration(migrations.Migration):
    """The database refuses UPDATE and DELETE on audit rows (docs/SECURITY.md: the audit log is append-only)."""

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
