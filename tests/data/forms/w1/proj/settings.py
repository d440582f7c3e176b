SECRET_KEY = "forms-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "payouts"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
CELERY_BROKER_URL = "memory://"
