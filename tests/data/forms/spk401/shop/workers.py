"""Django on executors: set up once per worker process, connections closed after each partition."""
import os


def ensure_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def close_db():
    from django.db import connections

    connections.close_all()
