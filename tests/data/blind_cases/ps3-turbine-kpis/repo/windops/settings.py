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
    "fleet",
    "scada",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "windops.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "windops.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True
USE_I18N = False

SCADA_REPORTS = {
    "LAKE_ROOT": os.environ.get("SCADA_LAKE_ROOT", "s3a://windops-lake"),
    "SPARK_MASTER": os.environ.get("SPARK_MASTER", "local[*]"),
    # Upper bound on rows any report may bring back to the driver (INC-2291: the historian once exported
    # 1-second data instead of 10-minute averages and the report OOM-killed the scheduler box).
    "DRIVER_ROW_LIMIT": int(os.environ.get("SCADA_DRIVER_ROW_LIMIT", "200000")),
    "TOP_ALARMS": 10,
}
GATEWAY_WEBHOOK_TOKEN = os.environ.get("GATEWAY_WEBHOOK_TOKEN", "")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "close-stale-tickets": {"task": "fleet.tasks.close_stale_tickets", "schedule": crontab(minute=15)},
}
