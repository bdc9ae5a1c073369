"""The public app's own partner list is gone: its descriptions belong to directory organisations.

Apart from 0007 so that PostgreSQL alters the table in a transaction of its own, after the rows moved.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("public", "0007_partners_in_directory")]

    operations = [
        migrations.RemoveConstraint(model_name="partnerdescription", name="public_partner_description_unique"),
        migrations.RemoveField(model_name="partnerdescription", name="partner"),
        migrations.AlterField(
            model_name="partnerdescription",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="public_descriptions",
                to="partners.organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="partnerdescription",
            constraint=models.UniqueConstraint(
                fields=("organisation", "language"), name="public_partner_description_unique"
            ),
        ),
        migrations.DeleteModel(name="Partner"),
    ]
