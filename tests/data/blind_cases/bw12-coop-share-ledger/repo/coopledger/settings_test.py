from .settings import *  # noqa: F401,F403
from .settings import HUEY

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUEY = {**HUEY, "name": "coopledger-test", "immediate": True}
