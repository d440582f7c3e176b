from .settings import *  # noqa: F401,F403
from .settings import BASE_DIR

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "test_freshmart.sqlite3",
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        "TEST": {"NAME": BASE_DIR / "test_freshmart.sqlite3"},
    }
}
SPARK_MASTER = "local[2]"
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "Europe/London",
    "spark.driver.memory": "1g",
}
AWARD_POINTS_WRITE_PARTITIONS = 4
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
