SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.contenttypes", "ledger"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
