from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
FUEL_LOG_ROOT = BASE_DIR / "var" / "fuel"  # noqa: F405  (tests point this at tmp_path)
FUEL_EXPORT_DIR = BASE_DIR / "var" / "exports"  # noqa: F405
