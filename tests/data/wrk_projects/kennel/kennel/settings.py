from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "boarding",
]

ROOT_URLCONF = "kennel.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "kennel.sqlite3"}}
TIME_ZONE = "UTC"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: the vet practices' shared vaccination registry (a SQLite file synced from their system every hour)
VET_REGISTRY_DB = BASE_DIR / "vet_registry.sqlite3"

CELERY_BROKER_URL = "redis://localhost:6379/0"
CELERY_TASK_ACKS_LATE = True
