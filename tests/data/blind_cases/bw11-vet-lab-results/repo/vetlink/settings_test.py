from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
SMS_GATEWAY = "labs.messaging.MemoryGateway"
LAB_CLIENT_CLASS = "labs.client.MemoryLabClient"
LAB_APIS = {
    "idexx": {"base_url": "http://idexx.test", "api_key": "k", "webhook_secret": "idexx-test-secret"},
    "antech": {"base_url": "http://antech.test", "api_key": "k", "webhook_secret": ""},
}
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
