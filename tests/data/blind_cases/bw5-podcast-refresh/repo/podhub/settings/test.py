from .base import *  # noqa: F401,F403

SECRET_KEY = "test"
# a file, not :memory: -- the refresh tests run real threads, each with its own connection
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "podhub-test.sqlite3",  # noqa: F405
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        "TEST": {"NAME": BASE_DIR / "test-podhub.sqlite3"},  # noqa: F405
    }
}
RQ_EAGER = True
FEEDS_HTTP_CLIENT = "feeds.http.StaticFeedClient"
FEEDS_REFRESH_CONCURRENCY = 4
ARTWORK_ROOT = BASE_DIR / "var" / "test-artwork"  # noqa: F405
