"""Read access to the vet practices' vaccination registry (a SQLite file they sync every hour)."""
import sqlite3

from django.conf import settings


def connect_registry():
    conn = sqlite3.connect(settings.VET_REGISTRY_DB, timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def vaccinated_chips(conn):
    rows = conn.execute("SELECT chip FROM vaccination WHERE valid_until >= date('now')").fetchall()
    return {row["chip"] for row in rows}
