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
    "members",
    "rewards",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "freshmart.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {
    "default": {
        "ENGINE": os.environ.get("DB_ENGINE", "django.db.backends.sqlite3"),
        "NAME": os.environ.get("DB_NAME", str(BASE_DIR / "freshmart.sqlite3")),
        "USER": os.environ.get("DB_USER", ""),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": os.environ.get("DB_HOST", ""),
        "PORT": os.environ.get("DB_PORT", ""),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False
STATIC_URL = "static/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "rewards": {"handlers": ["console"], "level": "INFO"},
        "py4j": {"level": "WARNING"},
    },
}

# --- loyalty programme -------------------------------------------------------
# Till receipts land here nightly, one folder per business day (CSV, one file per store).
RECEIPTS_PATH = os.environ.get("RECEIPTS_PATH", "/data/tills/receipts/{date:%Y/%m/%d}/")
SALES_EXPORT_PATH = os.environ.get("SALES_EXPORT_PATH", "/data/exports/store-sales/{date:%Y-%m-%d}/")

POINTS_PER_POUND = 1
BONUS_POINTS_PER_POUND = 2  # extra points on promoted lines ("bonus_amount" on the receipt)
POINTS_EXPIRY_MONTHS = 24
AWARD_POINTS_WRITE_PARTITIONS = int(os.environ.get("AWARD_POINTS_WRITE_PARTITIONS", "8"))
AWARD_POINTS_BATCH_SIZE = 500

# Spark runs on the batch host in local mode; the executors use this project's venv.
SPARK_MASTER = os.environ.get("SPARK_MASTER", "local[*]")
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": os.environ.get("SPARK_SHUFFLE_PARTITIONS", "16"),
    "spark.sql.session.timeZone": TIME_ZONE,
    "spark.driver.memory": os.environ.get("SPARK_DRIVER_MEMORY", "4g"),
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/3")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "expire-points": {"task": "rewards.tasks.expire_points_task", "schedule": crontab(hour=4, minute=15, day_of_month=1)},
    "tier-review": {"task": "rewards.tasks.review_tiers_task", "schedule": crontab(hour=5, minute=0, day_of_week=1)},
}
