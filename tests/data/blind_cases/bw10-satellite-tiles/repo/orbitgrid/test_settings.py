from .settings import *  # noqa: F401,F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",  # noqa: F405
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        # The tile and delivery pools use the ORM from worker threads; they need
        # a real file so every thread sees the rows a test created.
        "TEST": {"NAME": str(BASE_DIR / "test-orbitgrid.sqlite3")},  # noqa: F405
    }
}

RQ_RUN_INLINE = True
IMAGERY_READER = "imagery.raster.SyntheticReader"
IMAGERY_TILE_WORKERS = 4
DELIVERY_SENDER = "delivery.webhooks.MemorySender"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
