"""Shared start-up for the stand-alone scripts in this folder.

Importing this module makes the project importable (the scripts run as
`python scripts/<name>.py` from any directory). Call `setup_django()` before
importing anything that touches models.
"""
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def setup_django(settings_module=None):
    if settings_module:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicpark.settings")
    import django

    django.setup()
