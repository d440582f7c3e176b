"""Base settings (local development). Production overrides live in settings_prod."""
import os
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "stations",
    "outbox",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "agromet.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "agromet.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TIME_ZONE = "America/Chicago"
USE_TZ = True
USE_I18N = False
STATIC_URL = "static/"

# --- station polling -------------------------------------------------------
STATION_CLIENT = os.environ.get("STATION_CLIENT", "stations.clients.HttpLoggerClient")
STATION_HTTP_TIMEOUT = float(os.environ.get("STATION_HTTP_TIMEOUT", "10"))
POLL_INTERVAL_SECONDS = 60
# How far back to ask a logger for records when we have never heard from it.
STATION_BACKFILL = timedelta(hours=6)
# Loggers with a drifting clock occasionally report records from the future.
STATION_MAX_CLOCK_SKEW = timedelta(minutes=10)
STATION_OFFLINE_AFTER_FAILURES = 15
STATION_SILENT_AFTER = timedelta(minutes=30)
FROST_ALERT_THRESHOLD_C = 1.0
READING_RETENTION_DAYS = 400

# --- outbox -----------------------------------------------------------------
OUTBOX_PUBLISHER = os.environ.get("OUTBOX_PUBLISHER", "outbox.publishers.WebhookPublisher")
OUTBOX_WEBHOOK_URL = os.environ.get("OUTBOX_WEBHOOK_URL", "http://localhost:8089/hooks/agromet")
OUTBOX_WEBHOOK_SECRET = os.environ.get("OUTBOX_WEBHOOK_SECRET", "dev")
OUTBOX_MAX_ATTEMPTS = 8

# --- celery -----------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/3")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "daily-summaries": {
        "task": "stations.tasks.build_daily_summaries",
        "schedule": crontab(hour=0, minute=20),
    },
    "silent-stations": {
        "task": "stations.tasks.flag_silent_stations",
        "schedule": crontab(minute="*/10"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "loggers": {
        "agromet": {"handlers": ["console"], "level": os.environ.get("AGROMET_LOG_LEVEL", "INFO")},
    },
}
