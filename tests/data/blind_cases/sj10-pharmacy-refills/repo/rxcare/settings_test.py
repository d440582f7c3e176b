from .settings import *  # noqa: F401,F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Run huey tasks inline, in-process, against in-memory storage.
HUEY = {
    "name": "rxcare-test",
    "huey_class": "huey.MemoryHuey",
    "immediate": True,
    "utc": True,
}

SMS_TRANSPORT = "messaging.transports.DummyTransport"
