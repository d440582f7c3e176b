from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
OPERATOR_API_CLIENT = "telemetry.operator_api.StubOperatorClient"
