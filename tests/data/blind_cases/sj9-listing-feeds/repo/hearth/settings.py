import os
from datetime import timedelta
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
    "listings",
    "syndication",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "hearth.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "hearth.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "America/New_York"
USE_TZ = True
USE_I18N = False

# Listing syndication. Both roots live on the "feeds" PersistentVolumeClaim in
# production (see deploy/k8s/cronjobs.yaml); the portals' pull endpoints serve
# FEEDS_PUBLISH_ROOT.
FEEDS_STAGING_ROOT = Path(os.environ.get("FEEDS_STAGING_ROOT", BASE_DIR / "var" / "feeds" / "staging"))
FEEDS_PUBLISH_ROOT = Path(os.environ.get("FEEDS_PUBLISH_ROOT", BASE_DIR / "var" / "feeds" / "public"))
# A run still marked "running" after this long is assumed dead (pod evicted, OOM-killed...).
FEED_RUN_STALE_AFTER = timedelta(hours=3)
FEED_FTP_TIMEOUT = 30
FEED_RUN_RETENTION_DAYS = 30

# Nightly MLS export dropped by the board's SFTP sync job.
MLS_DROP_DIR = Path(os.environ.get("MLS_DROP_DIR", BASE_DIR / "var" / "mls"))
LISTING_DEFAULT_TERM_DAYS = 180

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
