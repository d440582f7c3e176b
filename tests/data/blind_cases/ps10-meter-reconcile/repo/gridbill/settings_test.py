from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SPARK = {"MASTER": "local[2]", "SHUFFLE_PARTITIONS": 2}
METERING = {**METERING, "READINGS_PATH": str(BASE_DIR / "tests" / "data" / "readings")}  # noqa: F405
