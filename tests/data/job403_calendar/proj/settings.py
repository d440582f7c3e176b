SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.contenttypes", "schools"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
TIME_ZONE = "America/Los_Angeles"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
