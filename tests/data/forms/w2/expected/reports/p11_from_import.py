"""From-import spelling under an alias."""
from contextlib import closing
from sqlite3 import connect as sqlite_connect

from celery import shared_task


@shared_task
def count_rows(path, table):
    with closing(sqlite_connect(path)) as db:
        total = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return total
