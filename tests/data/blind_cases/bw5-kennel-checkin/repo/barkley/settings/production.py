import os

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {  # noqa: F405
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BARKLEY_DB", "/srv/barkley/var/barkley.sqlite3"),
    }
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", CELERY_BROKER_URL)  # noqa: F405
EMAIL_HOST = os.environ.get("SMTP_HOST", EMAIL_HOST)  # noqa: F405
