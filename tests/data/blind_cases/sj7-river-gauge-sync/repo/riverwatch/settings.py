import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key")
DEBUG = os.environ.get("DEBUG", "") == "1"
ALLOWED_HOSTS = ["localhost", "riverwatch.internal"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "gauges",
    "reports",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "riverwatch.urls"
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
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "riverwatch.sqlite3"}}
# Shared by the web app and the scheduler process(es); the job locks live here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://localhost:6379/4"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = "Riverwatch <noreply@riverwatch.example>"

RIVERWATCH = {
    "TELEMETRY_URL": os.environ.get("TELEMETRY_URL", "https://telemetry.example/api/v2"),
    "TELEMETRY_TOKEN": os.environ.get("TELEMETRY_TOKEN", ""),
    "TELEMETRY_TIMEOUT": 20,
    "SYNC_EVERY_MINUTES": 5,
    "MAX_BACKFILL_HOURS": 48,
    "KEEP_READINGS_DAYS": 400,
    "ALERT_RECIPIENTS": ["duty-officer@riverwatch.example"],
    "ALERT_REPEAT_MINUTES": 60,
}
