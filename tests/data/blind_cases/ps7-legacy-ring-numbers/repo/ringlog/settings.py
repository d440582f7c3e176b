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
    "ringing",
    "surveys",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "ringlog.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "ringlog.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
USE_I18N = False

SURVEYS = {
    "LAKE_ROOT": os.environ.get("LAKE_ROOT", "s3a://westbroek-ringing"),
    "SPARK_MASTER": os.environ.get("SPARK_MASTER", "local[*]"),
    "FIRST_SEASON": 2009,
    "LAST_LEGACY_SEASON": 2021,  # RingBase was retired after the 2021 season
}
SCHEME_SUBMISSION_EMAIL = os.environ.get("SCHEME_SUBMISSION_EMAIL", "data@ringing-scheme.example")
DEFAULT_FROM_EMAIL = "ringlog@westbroek-ringing.example"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "ring-stock-check": {"task": "ringing.tasks.check_ring_stock", "schedule": crontab(day_of_week=1, hour=7, minute=0)},
}
