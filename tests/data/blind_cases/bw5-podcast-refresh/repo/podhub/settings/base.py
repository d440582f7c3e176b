from pathlib import Path

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
    "catalog",
    "feeds",
    "charts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "podhub.urls"
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "podhub.sqlite3",
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }
}

TIME_ZONE = "UTC"
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"

RQ_REDIS_URL = "redis://localhost:6379/2"
RQ_DEFAULT_TIMEOUT = 600
RQ_EAGER = False

FEEDS_HTTP_CLIENT = "feeds.http.UrllibFeedClient"
FEEDS_USER_AGENT = "podhub/2.3 (+https://podhub.example/bot)"
FEEDS_TIMEOUT = 20
# feeds fetched in parallel by one refresh run
FEEDS_REFRESH_CONCURRENCY = 8
# at most this many due feeds per refresh run (the cron runs every 2 minutes)
FEEDS_REFRESH_BATCH = 400
FEEDS_MAX_FAILURES = 20
ARTWORK_ROOT = BASE_DIR / "var" / "artwork"
