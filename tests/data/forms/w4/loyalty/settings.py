SECRET_KEY = "forms"
INSTALLED_APPS = ["django.contrib.contenttypes", "loyalty"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
CELERY_TASK_ALWAYS_EAGER = True
