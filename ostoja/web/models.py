from django.db import models


class FormSubmission(models.Model):
    """A one-time token per creation form: a second submit of the same form finds the first result."""

    token = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token[:8]


class RateCounter(models.Model):
    """Requests counted per key in fixed time windows (see web/ratelimit.py); shared by all app servers."""

    key = models.CharField(max_length=100)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="web_ratecounter_unique")]

    def __str__(self) -> str:
        return f"{self.key}@{self.window}: {self.count}"


class WorkerHeartbeat(models.Model):
    """A background worker says it is alive every few seconds; a silent one has died (web/worker.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.worker_id
