"""DB-API connection in the task body, closed only on the happy path."""
import sqlite3

from celery import shared_task
from django.conf import settings


@shared_task
def import_legacy_reports():
    conn = sqlite3.connect(settings.LEGACY_DB)
    rows = conn.execute("SELECT name FROM reports").fetchall()
    conn.close()
    return len(rows)
