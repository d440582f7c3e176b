from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DRAMATIQ_BROKER = "stub"
PORT_AUTHORITY_API_URL = "http://127.0.0.1:9/api/v2"  # tests point this at a local fake
PORT_AUTHORITY_API_TOKEN = "test-token"
PORT_AUTHORITY_TIMEOUT = 2
