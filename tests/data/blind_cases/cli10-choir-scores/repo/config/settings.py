import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = ["localhost", "library.stcecilia-choir.example"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "members",
    "library",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "config.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.auth.context_processors.auth",
            "django.contrib.messages.context_processors.messages",
        ]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CHOIR_DB", BASE_DIR / "cecilia.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
# On the server this is /srv/cecilia/media; nginx serves it, the "Downloads" page lists media/exports/.
MEDIA_ROOT = Path(os.environ.get("CHOIR_MEDIA_ROOT", BASE_DIR / "media"))

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = "St Cecilia Music Library <library@stcecilia-choir.example>"

CHOIR_LIBRARY = {
    # Folders below MEDIA_ROOT (relative paths are relative to MEDIA_ROOT, not to where a command is run).
    "EXPORT_DIR": "exports",
    "LOAN_SHEETS_DIR": "exports/loan-sheets",
    "INBOX_DIR": "inbox",
    "LOAN_PERIOD_DAYS": 42,
    "REMINDER_EVERY_DAYS": 7,
    "LIBRARIAN_EMAIL": "library@stcecilia-choir.example",
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/4")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_BEAT_SCHEDULE = {
    "return-reminders": {
        "task": "library.tasks.send_return_reminders",
        "schedule": crontab(hour=9, minute=30, day_of_week="mon"),
    },
}
