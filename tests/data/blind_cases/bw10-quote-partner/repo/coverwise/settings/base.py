from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = "dev-only-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "partners",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "coverwise.urls"
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

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "coverwise.sqlite3"}}

TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "partners": {"handlers": ["console"], "level": "INFO"},
        "quotes": {"handlers": ["console"], "level": "INFO"},
    },
}

# --- Dramatiq -------------------------------------------------------------------------------------------------
# "redis" or "stub"; see coverwise/broker.py
DRAMATIQ_BROKER = "redis"
DRAMATIQ_REDIS_URL = "redis://localhost:6379/3"

# --- Partner APIs ---------------------------------------------------------------------------------------------
PARTNER_HTTP_TIMEOUT = 10  # seconds, unless the partner row sets its own
PARTNER_USER_AGENT = "coverwise-quotes/1.4"

# A partner that is down gets asked again with exponential backoff: 30 s, 1 min, 2 min, ... capped at 10 min.
PARTNER_QUOTE_MAX_RETRIES = 5
PARTNER_QUOTE_MIN_BACKOFF_MS = 30_000
PARTNER_QUOTE_MAX_BACKOFF_MS = 10 * 60_000

# --- Quotes ---------------------------------------------------------------------------------------------------
QUOTE_REFERENCE_PREFIX = "CW"
QUOTE_VALIDITY_DAYS = 30
