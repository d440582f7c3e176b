SECRET_KEY = "test"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.contenttypes", "books.apps.BooksConfig"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "default.sqlite3"},
    "ledger": {"ENGINE": "django.db.backends.sqlite3", "NAME": "ledger.sqlite3"},
}
DATABASE_ROUTERS = ["proj.routers.LedgerRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
CELERY_TASK_ALWAYS_EAGER = True
