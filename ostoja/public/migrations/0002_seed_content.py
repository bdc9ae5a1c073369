"""The first texts, partners and (example) contact details of the public site, in every language."""

from django.db import migrations


def seed(apps, schema_editor):
    from ostoja.public import seed as public_seed

    public_seed.load(
        PublicText=apps.get_model("public", "PublicText"),
        Partner=apps.get_model("public", "Partner"),
        PartnerDescription=apps.get_model("public", "PartnerDescription"),
        CentreContact=apps.get_model("public", "CentreContact"),
    )


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
