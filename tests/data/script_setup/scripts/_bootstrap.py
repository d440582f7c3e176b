import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(settings_module=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or "proj.settings")
    import django

    django.setup()
