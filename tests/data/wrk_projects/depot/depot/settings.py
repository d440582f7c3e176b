from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "crm",
]

ROOT_URLCONF = "depot.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "depot.sqlite3"}}
TIME_ZONE = "UTC"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRM_BACKEND = "crm.client.HttpBackend"
CRM_API_URL = "https://crm.example.com/api/v2"
LEGACY_CRM_DB = BASE_DIR / "legacy_crm.sqlite3"

CELERY_BROKER_URL = "redis://localhost:6379/0"
CELERY_TASK_ACKS_LATE = True
