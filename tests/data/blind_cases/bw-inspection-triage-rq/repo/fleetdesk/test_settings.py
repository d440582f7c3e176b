from .settings import *  # noqa: F401,F403

SECRET_KEY = "test"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RQ_QUEUE_CLASS = "fleetdesk.queues.InlineQueue"
TELEMATICS_TOKEN = "tracker-token"
