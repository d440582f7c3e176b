import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "fleet",
    "telemetry",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tramops.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "tramops.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Vienna"
USE_TZ = True
USE_I18N = False

# Operator (vehicle supplier) telemetry API
OPERATOR_API_CLIENT = os.environ.get("OPERATOR_API_CLIENT", "telemetry.operator_api.HttpOperatorClient")
OPERATOR_API_URL = os.environ.get("OPERATOR_API_URL", "https://fleet-api.operator.example/v2")
OPERATOR_API_TOKEN = os.environ.get("OPERATOR_API_TOKEN", "")
OPERATOR_API_TIMEOUT = float(os.environ.get("OPERATOR_API_TIMEOUT", "20"))
OPERATOR_API_PAGE_SIZE = 500

TELEMETRY_RETENTION_DAYS = 90
TELEMETRY_SILENT_AFTER_MINUTES = 15

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "telemetry": {"handlers": ["console"], "level": "INFO"},
        "fleet": {"handlers": ["console"], "level": "INFO"},
    },
}
