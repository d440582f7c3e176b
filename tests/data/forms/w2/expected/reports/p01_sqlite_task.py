"""DB-API connection in the task body, closed only on the happy path."""
import sqlite3
from contextlib import closing

from celery import shared_task
from django.conf import settings


@shared_task
def import_legacy_reports():
    with closing(sqlite3.connect(settings.LEGACY_DB)) as conn:
        rows = conn.execute("SELECT name FROM reports").fetchall()
    return len(rows)
