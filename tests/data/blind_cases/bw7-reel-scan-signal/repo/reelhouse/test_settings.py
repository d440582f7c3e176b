from .settings import *  # noqa: F401,F403

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    "collections": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
ACCESS_COPY_ROOT = "/tmp/reelhouse-test-access"
LOGGING = {"version": 1, "disable_existing_loggers": False}
