from django.db import migrations


def seed(apps, schema_editor):
    from ostoja.partners.seed import load

    load(apps.get_model("partners", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
