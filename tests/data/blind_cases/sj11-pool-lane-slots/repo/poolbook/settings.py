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
    "facilities",
    "bookings",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "poolbook.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "poolbook.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = "Zwembad De Kolk <reserveren@dekolk.example>"
POOL_MANAGER_EMAILS = [e for e in os.environ.get("POOL_MANAGER_EMAILS", "").split(",") if e]

# Booking rules
LANE_BOOKING_HORIZON_DAYS = 7        # members can book up to a week ahead
BOOKING_HOLD_MINUTES = 10            # a place is held this long while the member confirms
CHECK_IN_OPENS_MINUTES = 15          # check-in opens this long before the session
NO_SHOW_GRACE_MINUTES = 15
MAX_BOOKINGS_PER_CARD_PER_DAY = 1

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE = {
    # 04:00 rather than 02:xx so the run is never skipped or doubled on a DST night.
    "generate-lane-slots": {
        "task": "bookings.tasks.generate_lane_slots",
        "schedule": crontab(hour=4, minute=0),
    },
    "release-expired-holds": {
        "task": "bookings.tasks.release_expired_holds",
        "schedule": crontab(minute="*/5"),
    },
    "booking-reminders": {
        "task": "bookings.tasks.send_booking_reminders",
        "schedule": crontab(hour=18, minute=0),
    },
    "mark-no-shows": {
        "task": "bookings.tasks.mark_no_shows",
        "schedule": crontab(minute="10,40"),
    },
    "daily-occupancy-report": {
        "task": "bookings.tasks.send_occupancy_report",
        "schedule": crontab(hour=22, minute=30),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "bookings": {"handlers": ["console"], "level": "INFO"},
        "facilities": {"handlers": ["console"], "level": "INFO"},
    },
}
