from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELLAR_TEAM_EMAILS = ["cellar@test.example"]
PURCHASING_EMAILS = ["purchasing@test.example"]
