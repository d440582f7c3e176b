import os

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("PGHOST", "db.internal"),
        "NAME": os.environ.get("PGDATABASE", "podhub"),
        "USER": os.environ.get("PGUSER", "podhub"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
RQ_REDIS_URL = os.environ.get("REDIS_URL", RQ_REDIS_URL)  # noqa: F405
ARTWORK_ROOT = os.environ.get("ARTWORK_ROOT", "/srv/podhub/artwork")
