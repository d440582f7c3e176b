SECRET_KEY = "x"
INSTALLED_APPS = ["ops"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
