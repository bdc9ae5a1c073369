from django.db import migrations


def install(apps, schema_editor):
    from ostoja.services.catalogue import install

    install(apps.get_model("support_services", "Service"))


class Migration(migrations.Migration):
    dependencies = [("support_services", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
