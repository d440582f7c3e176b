from .settings import *  # noqa: F401,F403

# A file rather than :memory: so the worker threads used by the catalogue tasks
# see the same test database as the test itself.
DATABASES = {"default": {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": BASE_DIR / "seedbank.sqlite3",  # noqa: F405
    "TEST": {"NAME": BASE_DIR / "test_seedbank.sqlite3"},  # noqa: F405
}}

HUEY = {
    "huey_class": "huey.RedisHuey",
    "name": "seedbank-test",
    "immediate": True,
}

PHOTO_CLIENT = "catalogue.photos.client.StubPhotoClient"
PHOTO_REFRESH_WORKERS = 4
SUPPLIER_PAGE_CHECK_WORKERS = 2
