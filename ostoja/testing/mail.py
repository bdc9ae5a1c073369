"""A mail backend for tests that run a real worker process and kill it in the middle of a task.

Every message is written to a file of its own in ``OSTOJA_TEST_MAIL_DIR``. With
``OSTOJA_TEST_MAIL_HOLD`` set, the process sends one message, then stops before the next one: it
writes ``holding-<pid>`` in that directory and waits there, inside the task, until it is killed.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

_sent_by_this_process = 0


class GatedFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        global _sent_by_this_process
        directory = Path(os.environ["OSTOJA_TEST_MAIL_DIR"])
        for message in email_messages:
            if os.environ.get("OSTOJA_TEST_MAIL_HOLD") and _sent_by_this_process >= 1:
                (directory / f"holding-{os.getpid()}").touch()
                while True:  # until the test kills this process
                    time.sleep(0.1)
            name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex}.eml"
            (directory / name).write_bytes(message.message().as_bytes())
            _sent_by_this_process += 1
        return len(email_messages)
