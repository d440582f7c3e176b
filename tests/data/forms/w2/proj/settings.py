SECRET_KEY = "forms-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "reports"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},
    "warehouse": {"ENGINE": "django.db.backends.sqlite3", "NAME": "warehouse.sqlite3"},
}
CELERY_BROKER_URL = "memory://"
LEGACY_DB = "legacy.sqlite3"
EXPORT_DIR = "/tmp/exports"
