"""From-import spelling under an alias."""
from sqlite3 import connect as sqlite_connect

from celery import shared_task


@shared_task
def count_rows(path, table):
    db = sqlite_connect(path)
    total = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    db.close()
    return total
