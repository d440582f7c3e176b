"""Alias spelling, in a helper the task calls."""
import psycopg2 as pg
from celery import shared_task


def refresh_view(dsn):
    conn = pg.connect(dsn)
    conn.cursor().execute("REFRESH MATERIALIZED VIEW sales")
    conn.commit()
    conn.close()


@shared_task
def refresh_sales(dsn):
    refresh_view(dsn)
