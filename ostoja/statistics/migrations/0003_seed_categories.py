"""The provisional breakdown of forms of exploitation the centre's yearly figures used (2017: forced
labour, sexual exploitation, violation of workers' rights, forced begging, inhuman or degrading
treatment, domestic violence, forced marriage), unconfirmed until an administrator checks it."""

from django.db import migrations

CATEGORIES = [
    ("forced_labour", "Praca przymusowa", "Forced labour", ["isForcedLabour", "isSexAndLabour", "forced_criminal_activities"]),
    ("sexual", "Wykorzystanie seksualne", "Sexual exploitation", ["isSexualExploit", "isSexAndLabour"]),
    ("workers_rights", "Naruszenie praw pracowniczych", "Violation of workers' rights", []),
    ("forced_begging", "Żebractwo przymusowe", "Forced begging", ["forced_begging"]),
    ("degrading", "Niewolnictwo i traktowanie poniżające", "Slavery, inhuman or degrading treatment", ["isSlaveryAndPractices"]),
    ("domestic_violence", "Przemoc domowa", "Domestic violence", []),
    ("forced_marriage", "Małżeństwo przymusowe", "Forced marriage", ["isForcedMarriage"]),
    ("other", "Inne formy wyzysku", "Other forms of exploitation",
     ["isOtherExploit", "isOrganRemoval", "isForcedMilitary", "illegal_adoption", "surrogacy"]),
]  # fmt: skip


def seed(apps, schema_editor):
    ReportCategory = apps.get_model("statistics", "ReportCategory")
    for position, (code, pl, en, codes) in enumerate(CATEGORIES):
        ReportCategory.objects.get_or_create(
            list_name="exploitation", code=code,
            defaults={"label_pl": pl, "label_en": en, "profile_codes": codes, "position": position},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("statistics", "0002_report_categories")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
