"""Entry point for ``dramatiq pilotdesk.worker``."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilotdesk.settings")
django.setup()

from boarding import tasks  # noqa: E402,F401  (registers the actors)
