from .settings import *  # noqa: F401,F403

SECRET_KEY = "test"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CRM_BACKEND = "crm.client.LocmemBackend"
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# The mailbox check runs lookups in worker threads, each with its own connection: a file-backed
# test database (with a busy timeout) lets them wait for each other's writes instead of failing
# with "database table is locked", as an in-memory shared-cache database does.
DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_depot.sqlite3")}
DATABASES["default"]["OPTIONS"] = {"timeout": 20}
