"""A helper returns a connection; the task closes it in `finally`, and a generator reading through it stays inside."""
import sqlite3

from celery import shared_task
from django.conf import settings


def open_archive():
    return sqlite3.connect(settings.ARCHIVE_DB)


@shared_task
def archive_names():
    conn = open_archive()
    try:
        return [row[0] for row in conn.execute("SELECT name FROM reports")]
    finally:
        conn.close()
