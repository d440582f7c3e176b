from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "clinicq-dev"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "clinic"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "clinicq.sqlite3"}}
TIME_ZONE = "America/Chicago"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
