from .settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

HUEY = {
    "name": "icehouse-test",
    "huey_class": "huey.MemoryHuey",
    "immediate": True,
    "utc": True,
}
