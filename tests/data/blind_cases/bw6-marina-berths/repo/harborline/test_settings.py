from .settings import *  # noqa: F401,F403

DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
DATABASES["berths"]["NAME"] = ":memory:"  # noqa: F405

CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MARINA_MAX_SHORE_POWER_PER_NIGHT = 2
