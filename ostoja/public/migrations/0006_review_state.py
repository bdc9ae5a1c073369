"""Native-speaker review per text and language; the corrected texts (rights of foreign victims,
what the centre must do without consent, the programme for foreign victims, the language review's
fixes) replace the seeded ones that staff have not edited."""

from django.conf import settings
from django.db import migrations, models


def corrected_texts(apps, schema_editor):
    from ostoja.public import seed as public_seed

    Partner = apps.get_model("public", "Partner")
    Partner.objects.filter(name="FairWork").update(name="Fairwork")
    public_seed.load(
        PublicText=apps.get_model("public", "PublicText"),
        CentreContact=apps.get_model("public", "CentreContact"),
        replace_unedited=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('public', '0005_versions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='publictext',
            name='reviewed_by',
            field=models.CharField(blank=True, max_length=200, verbose_name='reviewed by'),
        ),
        migrations.AddField(
            model_name='publictext',
            name='reviewed_on',
            field=models.DateField(blank=True, null=True, verbose_name='reviewed on'),
        ),
        migrations.AlterField(
            model_name='publictext',
            name='key',
            field=models.CharField(choices=[('about', 'Who we are'), ('free', 'Free, confidential, 24/7 in emergencies'), ('help', 'The help we give'), ('rights', 'Your rights'), ('contact', 'How to contact us'), ('after_call', 'What happens after the first call'), ('react', 'React! Recognising trafficking'), ('report', 'Introduction to the report form'), ('abroad', 'Polish workers abroad'), ('return', 'Voluntary return for foreigners'), ('safety', 'How to hide your visit')], max_length=20, verbose_name='text'),
        ),
        migrations.AddConstraint(
            model_name='publictext',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('reviewed_by', ''), ('reviewed_on__isnull', True)), models.Q(models.Q(('reviewed_by', ''), _negated=True), ('reviewed_on__isnull', False)), _connector='OR'), name='public_text_review_whole'),
        ),
        migrations.RunPython(corrected_texts, migrations.RunPython.noop),
    ]
