"""A factory returns the connection: its caller owns it (and closes it with closing())."""
from contextlib import closing

import psycopg2
from celery import shared_task


def open_warehouse(dsn):
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    return conn


@shared_task
def vacuum(dsn):
    with closing(open_warehouse(dsn)) as conn:
        conn.cursor().execute("VACUUM")
