"""Loaded by pytest before Django (``-p ostoja.testing.plugin``): puts Ostoja in test mode."""

import os

os.environ["OSTOJA_MODE"] = "test"
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
