from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0009_plain_labels")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="data_key",
            field=models.CharField(blank=True, editable=False, max_length=16),
        ),
        migrations.AddField(
            model_name="person",
            name="erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="erased"),
        ),
    ]
