#!/usr/bin/env python
"""Django's command-line utility for development in a source checkout; operators use `ostoja`.

With no Ostoja configuration in the environment at all (no OSTOJA_MODE, no DATABASE_URL, no
OSTOJA_* secret), it runs in demo mode: a SQLite database and generated keys under var/. As soon
as anything is configured, nothing is assumed: production is the default and needs its secrets.
"""

import os
import sys

if __name__ == "__main__":
    configured = "DATABASE_URL" in os.environ or any(name.startswith("OSTOJA_") for name in os.environ)
    if not configured:
        os.environ["OSTOJA_MODE"] = "demo"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ostoja.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
