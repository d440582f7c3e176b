import os
from pathlib import Path

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
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "catalogue",
    "inventory",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "seedbank.urls"
WSGI_APPLICATION = "seedbank.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

if os.environ.get("POSTGRES_DB"):
    DATABASES = {"default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_DB"],
        "USER": os.environ.get("POSTGRES_USER", "seedbank"),
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),
        "PORT": os.environ.get("POSTGRES_PORT", "5432"),
    }}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "seedbank.sqlite3"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False
STATIC_URL = "static/"

HUEY = {
    "huey_class": "huey.RedisHuey",
    "name": "seedbank",
    "immediate": False,
    "connection": {"url": os.environ.get("REDIS_URL", "redis://localhost:6379/3")},
    "consumer": {"workers": 4, "worker_type": "thread"},
}

# Variety photos
PHOTO_CLIENT = os.environ.get("PHOTO_CLIENT", "catalogue.photos.client.HttpPhotoClient")
PHOTO_FETCH_TIMEOUT = 15
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_REFRESH_WORKERS = int(os.environ.get("PHOTO_REFRESH_WORKERS", "8"))
PHOTO_REFRESH_MAX_AGE_HOURS = 20
PHOTO_USER_AGENT = "HeritageSeedLibrary-catalogue/1.4 (+https://seeds.example.org/about)"

# Supplier product pages
SUPPLIER_PAGE_CHECK_WORKERS = 6
SUPPLIER_PAGE_CHECK_TIMEOUT = 10

# Inventory
GERMINATION_TEST_VALID_DAYS = 365

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "catalogue": {"handlers": ["console"], "level": "INFO"},
        "inventory": {"handlers": ["console"], "level": "INFO"},
        "huey": {"handlers": ["console"], "level": "INFO"},
    },
}
