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
    "fuel",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "fleetops.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "fleetops.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = "fleetops@fleet.example"

FUEL_PROVIDER = {
    "CLASS": "fuel.provider.FleetFuelClient",
    "OPTIONS": {
        "base_url": os.environ.get("FLEETFUEL_API_URL", "https://api.fleetfuel.example/v2"),
        "api_key": os.environ.get("FLEETFUEL_API_KEY", ""),
    },
}
FUEL_SYNC_INTERVAL_MINUTES = int(os.environ.get("FUEL_SYNC_INTERVAL_MINUTES", "10"))
# Unknown-card transactions older than this are left for finance to sort out by hand.
FUEL_REBOOK_WINDOW_DAYS = 14
# A fill this much over the tank capacity is flagged (pumps and gauges are not exact).
FUEL_TANK_TOLERANCE = "1.05"
FUEL_SUMMARY_CC = ["fleet-finance@fleet.example"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "fuel": {"handlers": ["console"], "level": "INFO"},
        "fleet": {"handlers": ["console"], "level": "INFO"},
        "apscheduler": {"handlers": ["console"], "level": "WARNING"},
    },
}
