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
    "imagery",
    "delivery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "orbitgrid.urls"
WSGI_APPLICATION = "orbitgrid.wsgi.application"

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

if os.environ.get("POSTGRES_DB"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["POSTGRES_DB"],
            "USER": os.environ.get("POSTGRES_USER", "orbitgrid"),
            "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
            "HOST": os.environ.get("POSTGRES_HOST", "localhost"),
            "PORT": os.environ.get("POSTGRES_PORT", "5432"),
            "OPTIONS": {"application_name": os.environ.get("PG_APPLICATION_NAME", "orbitgrid")},
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            # the tile pool writes from several threads at once
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- RQ -------------------------------------------------------------------
RQ_REDIS_URL = os.environ.get("RQ_REDIS_URL", "redis://localhost:6379/2")
# Run jobs inline instead of sending them to Redis (tests, local work without Redis).
RQ_RUN_INLINE = os.environ.get("RQ_RUN_INLINE", "0") == "1"
RQ_DEFAULT_TIMEOUT = 60 * 30

# --- Imagery --------------------------------------------------------------
IMAGERY_READER = os.environ.get("IMAGERY_READER", "imagery.raster.ArchiveReader")
IMAGERY_ARCHIVE_ROOT = Path(os.environ.get("IMAGERY_ARCHIVE_ROOT", "/srv/imagery/archive"))
IMAGERY_TILE_ZOOM = 12
IMAGERY_OVERVIEW_ZOOM = 9
IMAGERY_TILE_WORKERS = int(os.environ.get("IMAGERY_TILE_WORKERS", "8"))
IMAGERY_OVERVIEW_WORKERS = 2
# a tile counts as cloudy above this fraction of cloud pixels
IMAGERY_CLOUD_PIXEL_BRIGHTNESS = 0.55
# scenes where more than this share of tiles failed are marked failed instead of partial
IMAGERY_MAX_FAILED_SHARE = 0.25
IMAGERY_MAX_ATTEMPTS = 3
IMAGERY_STUCK_RUN_MINUTES = 90
IMAGERY_KEEP_SUPERSEDED_DAYS = 30

# --- Delivery -------------------------------------------------------------
DELIVERY_SENDER = os.environ.get("DELIVERY_SENDER", "delivery.webhooks.HttpSender")
DELIVERY_WEBHOOK_TIMEOUT = 10
DELIVERY_WORKERS = 4
DELIVERY_MAX_ATTEMPTS = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(threadName)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
