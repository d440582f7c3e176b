"""Entry point for the worker processes: ``dramatiq grainco.worker``."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grainco.settings")
django.setup()

from grainco.broker import broker  # noqa: E402,F401
import intake.tasks  # noqa: E402,F401
import settlements.tasks  # noqa: E402,F401
