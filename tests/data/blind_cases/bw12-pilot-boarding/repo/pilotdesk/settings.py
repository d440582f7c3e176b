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
    "pilots",
    "boarding",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "pilotdesk.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "pilotdesk.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
USE_I18N = False

# Dramatiq: "redis" in production, "stub" in tests (see pilotdesk/broker.py).
DRAMATIQ_BROKER = os.environ.get("DRAMATIQ_BROKER", "redis")
DRAMATIQ_REDIS_URL = os.environ.get("DRAMATIQ_REDIS_URL", "redis://localhost:6379/3")

# Port authority VTS API.
PORT_AUTHORITY_API_URL = os.environ.get("PORT_AUTHORITY_API_URL", "https://vts.port-authority.example/api/v2")
PORT_AUTHORITY_API_TOKEN = os.environ.get("PORT_AUTHORITY_API_TOKEN", "")
PORT_AUTHORITY_TIMEOUT = float(os.environ.get("PORT_AUTHORITY_TIMEOUT", "10"))
PILOTAGE_SERVICE_CODE = "NLRTM-PIL"

# Pilots board this long before the ship's ETA at the boarding station.
BOARDING_LEAD_MINUTES = 45
