import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key")
DEBUG = False
ALLOWED_HOSTS = ["localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "pharmacy",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
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
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "wardstock.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Dublin"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = "Ward Stock <pharmacy-noreply@stbrendans.example>"

STOCK_FEED = {
    "BASE_URL": os.environ.get("STOCK_FEED_URL", "https://cabinets.vendor.example/api/v2"),
    "TOKEN": os.environ.get("STOCK_FEED_TOKEN", ""),
    "TIMEOUT": 10,
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/4")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {
    "pharmacy.tasks.sync_ward_stock": {"queue": "stock"},
    "pharmacy.tasks.refresh_all_wards": {"queue": "stock"},
    "pharmacy.tasks.push_dispensing_batch": {"queue": "dispensing"},
    "pharmacy.tasks.push_pending_dispensing": {"queue": "dispensing"},
    "pharmacy.tasks.check_low_stock": {"queue": "alerts"},
}
CELERY_BEAT_SCHEDULE = {
    "refresh-wards": {"task": "pharmacy.tasks.refresh_all_wards", "schedule": timedelta(minutes=15)},
    "push-dispensing": {"task": "pharmacy.tasks.push_pending_dispensing", "schedule": timedelta(minutes=5)},
}
