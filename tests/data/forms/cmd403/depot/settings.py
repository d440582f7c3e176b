SECRET_KEY = "forms"
INSTALLED_APPS = ["django.contrib.contenttypes", "depot"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
