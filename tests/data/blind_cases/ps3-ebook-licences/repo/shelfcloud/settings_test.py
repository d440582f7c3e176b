from .settings import *  # noqa: F401,F403

# A file, not :memory:, so that code running in the Spark Python workers sees the test database.
_TEST_DB = BASE_DIR / "test_shelfcloud.sqlite3"  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _TEST_DB, "TEST": {"NAME": _TEST_DB},
                         "OPTIONS": {"timeout": 30}}}
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
LENDING = {**LENDING, "LAKE_ROOT": str(BASE_DIR / "var" / "lake"), "SPARK_MASTER": "local[1]"}  # noqa: F405
