import os
from decimal import Decimal
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "spaces",
    "bookings",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "deskhub.urls"
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
        "NAME": os.environ.get("DESKHUB_DB", BASE_DIR / "deskhub.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = "Deskhub Billing <billing@deskhub.example>"
OPS_EMAIL = os.environ.get("OPS_EMAIL", "frontdesk@deskhub.example")

DESKHUB = {
    "CURRENCY": "EUR",
    "VAT_RATE": Decimal("0.21"),
    "INVOICE_PREFIX": "DH",
    # adjustment requests nobody decided on are auto-rejected after this many days
    "ADJUSTMENT_REQUEST_TTL_DAYS": 14,
    # a booking nobody checked in to is a no-show this long after it ended
    "NO_SHOW_GRACE_MINUTES": 30,
    "EXPORT_DIR": BASE_DIR / "exports",
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/4")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_BEAT_SCHEDULE = {
    "monthly-invoices": {
        "task": "bookings.tasks.build_monthly_invoices",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    "pending-adjustments-digest": {
        "task": "bookings.tasks.send_pending_adjustments_digest",
        "schedule": crontab(day_of_week="mon-fri", hour=9, minute=0),
    },
    "mark-no-shows": {
        "task": "bookings.tasks.mark_no_shows",
        "schedule": crontab(minute="*/15"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"bookings": {"handlers": ["console"], "level": "INFO"}},
}
