import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "quotes.coverwise.internal").split(",")
DRAMATIQ_REDIS_URL = os.environ.get("DRAMATIQ_REDIS_URL", DRAMATIQ_REDIS_URL)  # noqa: F405
DATABASES = {  # noqa: F405
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("COVERWISE_DB", "/var/lib/coverwise/coverwise.sqlite3"),
    }
}
