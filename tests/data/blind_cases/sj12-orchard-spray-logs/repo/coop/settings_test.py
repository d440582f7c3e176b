from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SPRAYLOG_REGULATOR_CLIENT = "spraylogs.regulator.MemoryRegulatorClient"
SPRAYLOG_PORTAL_TOKEN = "test-token"
