import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "owners",
    "berths",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "harborline.urls"
WSGI_APPLICATION = "harborline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("HARBORLINE_DB", BASE_DIR / "harborline.sqlite3"),
        # every API request runs in one transaction on the main database
        "ATOMIC_REQUESTS": True,
    },
    # berths, stays and nights: written by the site, the harbour office and
    # the harbour master's tablets
    "berths": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("HARBORLINE_BERTHS_DB", BASE_DIR / "berths.sqlite3"),
    },
}
DATABASE_ROUTERS = ["harborline.dbrouters.BerthsRouter"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = "berths@harborline.example"
HARBOUR_OFFICE_EMAIL = "office@harborline.example"

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "promote-waitlist": {
        "task": "berths.tasks.promote_waitlist",
        "schedule": crontab(minute="*/15"),
    },
    "arrival-reminders": {
        "task": "berths.tasks.send_arrival_reminders",
        "schedule": crontab(hour=17, minute=0),
    },
    "document-sweep": {
        "task": "owners.tasks.document_expiry_sweep",
        "schedule": crontab(hour=8, minute=30),
    },
}

# --- Marina rules -----------------------------------------------------------
# The visitor pontoon's supply can feed at most this many boats on shore power per night.
MARINA_MAX_SHORE_POWER_PER_NIGHT = int(os.environ.get("MARINA_MAX_SHORE_POWER_PER_NIGHT", "6"))
MARINA_MAX_STAY_NIGHTS = 42
# Waitlist requests for stays starting sooner than this are given up.
WAITLIST_MIN_LEAD_DAYS = 1

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
