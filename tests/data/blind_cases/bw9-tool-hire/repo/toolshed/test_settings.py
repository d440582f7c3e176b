from .settings import *  # noqa: F401,F403

DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405

CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAYMENT_GATEWAY_BACKEND = "billing.gateway.MemoryGateway"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
