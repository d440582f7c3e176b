"""Alias spelling, in a helper the task calls."""
from contextlib import closing

import psycopg2 as pg
from celery import shared_task


def refresh_view(dsn):
    with closing(pg.connect(dsn)) as conn:
        conn.cursor().execute("REFRESH MATERIALIZED VIEW sales")
        conn.commit()


@shared_task
def refresh_sales(dsn):
    refresh_view(dsn)
