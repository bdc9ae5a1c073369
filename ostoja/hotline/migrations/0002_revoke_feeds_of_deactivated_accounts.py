"""Feed addresses of accounts deactivated before deactivation revoked them stop now.

Otherwise reactivating such an account would bring an old, possibly leaked, address back to life.
"""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    CalendarFeed = apps.get_model("hotline", "CalendarFeed")
    CalendarFeed.objects.filter(revoked_at__isnull=True, user__is_active=False).update(revoked_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
