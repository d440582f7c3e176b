import os
from pathlib import Path

from celery.schedules import crontab

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
    "stations",
    "qc",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "quakewatch.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "quakewatch.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
USE_TZ = True
USE_I18N = False

QC = {
    "LAKE_ROOT": os.environ.get("LAKE_ROOT", "s3a://xq-network-lake"),
    "SPARK_MASTER": os.environ.get("SPARK_MASTER", "local[*]"),
    # screening limits applied to every automatic and manual pick
    "MIN_SNR": 3.0,
    "MAX_RESIDUAL_S": {"P": 1.5, "S": 3.0},
    "CLIP_COUNTS": 8_000_000,  # 24-bit digitizers saturate at 8 388 607 counts
    # a station is flagged when this share of its picks is screened out
    "ALERT_REJECTION_RATE": 0.25,
    "ALERT_MIN_PICKS": 5,
}
FDSN_STATION_URL = os.environ.get("FDSN_STATION_URL", "https://fdsn.xq-network.example/fdsnws/station/1/query")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "refresh-station-inventory": {"task": "stations.tasks.refresh_inventory", "schedule": crontab(hour=2, minute=15)},
}
