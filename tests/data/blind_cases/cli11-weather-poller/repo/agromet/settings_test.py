from .settings import *  # noqa: F401,F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "agromet.sqlite3",  # noqa: F405
        "TEST": {"NAME": BASE_DIR / "test-agromet.sqlite3"},  # noqa: F405
    }
}

STATION_CLIENT = "stations.clients.StaticLoggerClient"
OUTBOX_PUBLISHER = "outbox.publishers.MemoryPublisher"
OUTBOX_WEBHOOK_SECRET = "test"

CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
