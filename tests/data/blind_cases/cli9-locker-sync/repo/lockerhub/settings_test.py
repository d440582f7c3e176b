from .settings import *  # noqa: F401,F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BASE_DIR / "lockerhub-dev.sqlite3"),  # noqa: F405
        "TEST": {"NAME": str(BASE_DIR / "test-lockerhub.sqlite3")},  # noqa: F405
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING_CONFIG = None
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
LOCKERLINK = {"BASE_URL": "https://lockerlink.invalid", "TOKEN": "test-token", "TIMEOUT": 1}
SMS_GATEWAY = {"URL": "https://sms.invalid/send", "KEY": "test", "SENDER": "LockerHub"}
