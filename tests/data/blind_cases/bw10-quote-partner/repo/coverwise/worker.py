"""Worker entry point: ``dramatiq coverwise.worker --queues partners policies default``."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverwise.settings.production")
django.setup()

from coverwise.broker import broker  # noqa: E402,F401
import partners.actors  # noqa: E402,F401
import quotes.actors  # noqa: E402,F401
