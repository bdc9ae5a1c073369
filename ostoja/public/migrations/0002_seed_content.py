"""The first texts, partners and (example) contact details of the public site, in every language."""

from django.db import migrations


def seed(apps, schema_editor):
    from ostoja.public import seed as public_seed
    from ostoja.public.languages import CODES
    from ostoja.public.migrations import _first_partners

    public_seed.load(
        PublicText=apps.get_model("public", "PublicText"),
        CentreContact=apps.get_model("public", "CentreContact"),
    )
    _first_partners.load(
        apps.get_model("public", "Partner"), apps.get_model("public", "PartnerDescription"), CODES
    )


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
