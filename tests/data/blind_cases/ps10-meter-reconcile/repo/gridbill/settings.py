import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "billing",
    "metering",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "gridbill.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "gridbill.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "billing": {"handlers": ["console"], "level": "INFO"},
        "metering": {"handlers": ["console"], "level": "INFO"},
    },
}

# Meter readings land in the lake as CSV files (one folder per head-end delivery day).
METERING = {
    "READINGS_PATH": os.environ.get("READINGS_PATH", "s3a://gridbill-lake/readings/*"),
    "STALE_AFTER_HOURS": 48,
    "ESTIMATED_SHARE_ALERT": 0.5,
}
BILLING = {
    "RECONCILE_TOLERANCE_KWH": "0.5",
}
SPARK = {
    "MASTER": os.environ.get("SPARK_MASTER", "local[*]"),
    "SHUFFLE_PARTITIONS": int(os.environ.get("SPARK_SHUFFLE_PARTITIONS", "64")),
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {
    "billing.reconcile_billing_periods": {"queue": "spark"},
    "metering.flag_stale_meters": {"queue": "spark"},
}
CELERY_BEAT_SCHEDULE = {
    "close-due-billing-periods": {
        "task": "billing.close_due_periods",
        "schedule": crontab(hour=1, minute=0),
    },
    "reconcile-billing-periods": {
        "task": "billing.reconcile_billing_periods",
        "schedule": crontab(hour=2, minute=30),
    },
    "flag-stale-meters": {
        "task": "metering.flag_stale_meters",
        "schedule": crontab(hour=6, minute=0),
    },
}
