from django.db import models


class FormSubmission(models.Model):
    """A one-time token per creation form: a second submit of the same form finds the first result."""

    token = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token[:8]
