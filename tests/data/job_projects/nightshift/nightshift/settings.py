from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "change-me"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "ops"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "nightshift.sqlite3"}}
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EXPORT_BUCKET = "s3://shop-exports"
CELERY_BROKER_URL = "redis://localhost:6379/0"
CELERY_BEAT_SCHEDULE = {
    "rebuild-search": {"task": "ops.tasks.rebuild_search", "schedule": crontab(minute=0, hour=4)},
    "refresh-catalog": {"task": "ops.tasks.refresh_catalog", "schedule": crontab(minute="*/15")},
    "pay-vendors": {"task": "ops.payouts.pay_approved_vendors", "schedule": crontab(minute=5)},
}
