"""Not reached by any task: a management helper run once by hand (not worker code)."""
import sqlite3


def inspect_legacy(path):
    conn = sqlite3.connect(path)
    print(conn.execute("SELECT COUNT(*) FROM reports").fetchone())
    conn.close()
