import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "plots",
    "weather",
    "rota",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "greenrota.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "greenrota.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Australia/Melbourne"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = "rota@merricreekgarden.org.au"

GARDEN = {
    "NAME": "Merri Creek Community Garden",
    # a day with at least this much rain (gauge total, midnight to midnight) cancels the next day's watering
    "RAIN_SKIP_MM": 10,
    "COORDINATOR_EMAIL": "coordinator@merricreekgarden.org.au",
    "GAUGE_TOKEN": os.environ.get("GAUGE_TOKEN", "dev-token"),
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/3")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "plan-daily-watering": {
        "task": "rota.tasks.plan_daily_watering",
        "schedule": crontab(hour=6, minute=0),
    },
    "record-daily-rainfall": {
        "task": "weather.tasks.record_daily_rainfall",
        "schedule": crontab(hour=0, minute=20),
    },
    "weekly-rota-digest": {
        "task": "rota.tasks.send_weekly_digest",
        "schedule": crontab(hour=18, minute=0, day_of_week="sun"),
    },
    "purge-old-readings": {
        "task": "weather.tasks.purge_old_readings",
        "schedule": crontab(hour=3, minute=30, day_of_month="1"),
    },
}
