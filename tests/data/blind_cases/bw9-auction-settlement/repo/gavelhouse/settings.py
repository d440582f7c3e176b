"""Django settings for the Gavelhouse back office."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "catalogue",
    "settlement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "gavelhouse.urls"
WSGI_APPLICATION = "gavelhouse.wsgi.application"

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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DB_PATH", BASE_DIR / "db.sqlite3"),
        "CONN_MAX_AGE": 600,
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"

# --- RQ -----------------------------------------------------------------------------------------
RQ_REDIS_URL = os.environ.get("RQ_REDIS_URL", "redis://localhost:6379/3")
RQ_QUEUES = {
    "settlement": {"timeout": 30 * 60},
    "notices": {"timeout": 5 * 60},
    "default": {"timeout": 10 * 60},
}
# Run queued callables inline instead of sending them to Redis (tests, quick local runs).
RQ_EAGER = os.environ.get("RQ_EAGER", "0") == "1"

# --- Auction house rules -------------------------------------------------------------------------
AUCTION_HOUSE = {
    "name": "Gavelhouse Auctioneers",
    "vat_rate": "0.20",
    "min_commission": "15.00",
    "payment_terms_days": 7,
    "invoice_from": "accounts@gavelhouse.example",
}

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = AUCTION_HOUSE["invoice_from"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "catalogue": {"handlers": ["console"], "level": "INFO"},
        "settlement": {"handlers": ["console"], "level": "INFO"},
        "rq.worker": {"handlers": ["console"], "level": "INFO"},
    },
}
