"""Django settings for the rxcare pharmacy back office."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "messaging",
    "pharmacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rxcare.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "rxcare.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("RXCARE_DB_PATH", BASE_DIR / "db.sqlite3"),
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- huey -------------------------------------------------------------------
# One consumer per environment (see deploy/huey.service). Periodic tasks are
# declared in pharmacy/tasks.py; huey evaluates crontabs in UTC.
HUEY = {
    "name": "rxcare",
    "huey_class": "huey.RedisHuey",
    "immediate": False,
    "utc": True,
    "connection": {
        "url": os.environ.get("REDIS_URL", "redis://localhost:6379/3"),
    },
    "consumer": {
        "workers": 2,
        "worker_type": "thread",
        "periodic": True,
    },
}

# --- SMS --------------------------------------------------------------------
SMS_TRANSPORT = os.environ.get("SMS_TRANSPORT", "messaging.transports.TextLinkTransport")
SMS_SENDER_ID = os.environ.get("SMS_SENDER_ID", "+13125550100")
TEXTLINK_API_URL = os.environ.get("TEXTLINK_API_URL", "https://api.textlink.example/v2/messages")
TEXTLINK_API_KEY = os.environ.get("TEXTLINK_API_KEY", "")
SMS_DEFAULT_COUNTRY_CODE = "1"

# --- pharmacy ---------------------------------------------------------------
# Patients get a refill reminder once their refill falls due within this many days.
REFILL_REMINDER_LEAD_DAYS = 3
# Fills left on the ready shelf longer than this go back to stock.
UNCLAIMED_FILL_RETURN_DAYS = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "[%(asctime)s: %(levelname)s/%(name)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "loggers": {
        "huey": {"handlers": ["console"], "level": "INFO"},
        "pharmacy": {"handlers": ["console"], "level": "INFO"},
        "messaging": {"handlers": ["console"], "level": "INFO"},
    },
}
