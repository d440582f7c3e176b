"""Django inside Spark Python workers.

Executors (and, in local mode, the Python worker processes) are fresh interpreters: Django is not set up there and
database connections must not be shared with the driver. Code passed to ``foreachPartition``/``mapPartitions``
that uses the ORM calls ``setup_django()`` first and closes its connections when the partition is done.
"""
import os


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shelfcloud.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def close_connections():
    from django.db import connections

    connections.close_all()
