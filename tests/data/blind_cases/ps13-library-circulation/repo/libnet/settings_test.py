from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
SPARK_MASTER = "local[1]"
SPARK_DRIVER_MEMORY = "1g"
LOGGING = {"version": 1, "disable_existing_loggers": False}
