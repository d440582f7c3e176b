from .settings import *  # noqa: F401,F403

DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
RQ_REDIS_URL = "redis://localhost:6399/15"
