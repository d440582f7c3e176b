from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"

# One small local session shared by the whole test run.
SPARK = {
    "MASTER": "local[2]",
    "APP_PREFIX": "gateline-test",
    "CONF": {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.bindAddress": "127.0.0.1",
    },
    "STOP_ON_EXIT": False,
}

LOGGING = {"version": 1, "disable_existing_loggers": False}
