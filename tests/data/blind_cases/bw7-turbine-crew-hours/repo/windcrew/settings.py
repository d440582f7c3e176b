import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "fleet",
    "crews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "windcrew.urls"
WSGI_APPLICATION = "windcrew.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("WINDCREW_DB", BASE_DIR / "db.sqlite3"),
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- RQ -------------------------------------------------------------------
RQ_REDIS_URL = os.environ.get("RQ_REDIS_URL", "redis://localhost:6379/2")
RQ_DEFAULT_TIMEOUT = 300
RQ_QUEUES = ["timesheets", "scada", "default"]
# run jobs inline instead of pushing them to Redis (tests, local debugging)
RQ_RUN_SYNC = os.environ.get("RQ_RUN_SYNC", "0") == "1"

# --- Working-time rules ---------------------------------------------------
CREW_MAX_HOURS_PER_ENTRY = 14
CREW_MAX_HOURS_PER_DAY = {"onshore": 13, "offshore": 12}
CREW_TIMESHEET_MAX_AGE_DAYS = 35
CREW_STANDBY_HOURS_PER_NIGHT = 2

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
