"""A project helper opens the connection and returns it: the task owns it, and closes it on success only."""
import sqlite3

from celery import shared_task
from django.conf import settings


def open_archive():
    conn = sqlite3.connect(settings.ARCHIVE_DB, timeout=5)
    conn.row_factory = sqlite3.Row
    return conn


def count_rows(conn, table):
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@shared_task
def archive_stats():
    conn = open_archive()
    reports = count_rows(conn, "reports")
    conn.close()
    return reports
