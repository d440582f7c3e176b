SECRET_KEY = "forms-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},
    "ledger": {"ENGINE": "django.db.backends.sqlite3", "NAME": "ledger.sqlite3"},
}
CELERY_BROKER_URL = "memory://"
