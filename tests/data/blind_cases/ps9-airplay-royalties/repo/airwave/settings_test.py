from .settings import *  # noqa: F401,F403

# On disk rather than in memory: Spark's Python workers are separate processes and open the
# database themselves.
_TEST_DB = BASE_DIR / "var" / "test_airwave.sqlite3"  # noqa: F405
_TEST_DB.parent.mkdir(exist_ok=True)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(_TEST_DB),
        "TEST": {"NAME": str(_TEST_DB)},
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
ROYALTIES = {**ROYALTIES, "LAKE_ROOT": str(BASE_DIR / "var" / "lake"), "SPARK_MASTER": "local[1]"}  # noqa: F405
