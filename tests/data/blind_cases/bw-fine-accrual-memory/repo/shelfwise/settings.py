import os
from decimal import Decimal
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
    "catalog",
    "circulation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "shelfwise.urls"
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

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "shelfwise.sqlite3"}}

TIME_ZONE = "America/Los_Angeles"
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = "noreply@marshlibraries.example"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1_500_000  # KiB
CELERY_BEAT_SCHEDULE = {
    "accrue-overdue-fines": {"task": "circulation.tasks.accrue_overdue_fines", "schedule": crontab(hour=1, minute=30)},
    "send-overdue-notices": {"task": "circulation.tasks.send_overdue_notices", "schedule": crontab(hour=7, minute=0)},
    "expire-holds": {"task": "circulation.tasks.expire_holds", "schedule": crontab(minute="*/15")},
}

# patrons owing at least this much cannot borrow
FINE_BLOCK_THRESHOLD = Decimal("10.00")
OVERDUE_NOTICE_DAYS = [3, 10, 30]
