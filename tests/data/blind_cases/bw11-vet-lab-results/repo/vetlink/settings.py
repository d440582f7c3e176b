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
    "core",
    "clinics",
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
ROOT_URLCONF = "vetlink.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "vetlink.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "America/Chicago"
USE_TZ = True
USE_I18N = False

DEFAULT_FROM_EMAIL = "Prairie Paws Veterinary <results@prairiepaws.example>"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")

SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "labs.messaging.HttpSmsGateway")
SMS_API_URL = os.environ.get("SMS_API_URL", "https://sms.example/v2/messages")
SMS_API_TOKEN = os.environ.get("SMS_API_TOKEN", "")

LAB_CLIENT_CLASS = "labs.client.ReferenceLabClient"
LAB_APIS = {
    "idexx": {
        "base_url": os.environ.get("IDEXX_API_URL", "https://api.vetconnect.example/v1"),
        "api_key": os.environ.get("IDEXX_API_KEY", ""),
        "webhook_secret": os.environ.get("IDEXX_WEBHOOK_SECRET", ""),
    },
    "antech": {
        "base_url": os.environ.get("ANTECH_API_URL", "https://api.antechdiagnostics.example/v3"),
        "api_key": os.environ.get("ANTECH_API_KEY", ""),
        "webhook_secret": "",
    },
}
POLLED_LABS = ["antech"]
LAB_ORDER_OVERDUE_DAYS = 5

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {
    "labs.tasks.notify_owner_of_results": {"queue": "notifications"},
    "labs.tasks.send_overdue_digest": {"queue": "notifications"},
}
CELERY_BEAT_SCHEDULE = {
    "poll-reference-labs": {"task": "labs.tasks.poll_reference_labs", "schedule": crontab(minute="*/10")},
    "overdue-lab-orders": {"task": "labs.tasks.send_overdue_digests", "schedule": crontab(hour=7, minute=15)},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
