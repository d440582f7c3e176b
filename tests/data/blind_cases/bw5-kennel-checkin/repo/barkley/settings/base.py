from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "boarding",
    "care",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "barkley.urls"
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

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "barkley.sqlite3"}}

TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

DEFAULT_FROM_EMAIL = "Barkley Lodge <hello@barkleylodge.example>"
EMAIL_HOST = "smtp-relay.internal"
LODGE_NAME = "Barkley Lodge"
LODGE_CARE_TEAM_EMAIL = "care-team@barkleylodge.example"
# medication rounds are at these local times
LODGE_MEDICATION_ROUNDS = ["08:00", "13:00", "20:00"]
LODGE_FEEDING_TIMES = ["07:30", "17:30"]

CELERY_BROKER_URL = "redis://localhost:6379/3"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ROUTES = {
    "boarding.tasks.send_*": {"queue": "notify"},
    "boarding.tasks.email_stay_invoice": {"queue": "notify"},
}
CELERY_BEAT_SCHEDULE = {
    "release-no-shows": {"task": "boarding.tasks.release_no_shows", "schedule": crontab(hour=15, minute=0)},
    "daily-reports": {"task": "care.tasks.send_daily_reports", "schedule": crontab(hour=18, minute=30)},
    "escalate-overdue-care": {"task": "care.tasks.escalate_overdue_care_tasks", "schedule": crontab(minute="*/10")},
}
