"""Settings for a real worker process that a test starts (ostoja/tests/test_worker_crash.py).

The test suite runs tasks at once; a worker process needs the database backend, and writes its
mail where the test can count it (``ostoja.testing.mail``).
"""

from ostoja.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "ostoja.testing.mail.GatedFileBackend"
