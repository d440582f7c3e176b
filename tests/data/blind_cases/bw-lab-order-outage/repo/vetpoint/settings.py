import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only")
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "clinic",
    "labs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "vetpoint.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "vetpoint.sqlite3"}}

TIME_ZONE = "America/Chicago"
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "appointment-reminders": {"task": "clinic.tasks.send_appointment_reminders", "schedule": crontab(hour=17, minute=0)},
    "poll-pending-results": {"task": "labs.tasks.poll_pending_results", "schedule": crontab(minute="*/20")},
}

# external reference lab
LAB_CLIENT = "labs.client.NorthwindLabClient"
LAB_API_URL = os.environ.get("LAB_API_URL", "https://api.northwind-vetdx.example/v2")
LAB_API_KEY = os.environ.get("LAB_API_KEY", "")
LAB_ACCOUNT = os.environ.get("LAB_ACCOUNT", "RIVERSIDE-0042")

SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "https://sms.example/api/send")
SMS_GATEWAY_KEY = os.environ.get("SMS_GATEWAY_KEY", "")
SMS_SENDER = "RiversideVet"
