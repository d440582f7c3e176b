import sqlite3

from django.conf import settings

from depot.models import DailyStat


def snapshot_stats():
    db = sqlite3.connect(settings.EXPORT_DIR / "stats.sqlite3")
    db.execute("CREATE TABLE IF NOT EXISTS stats (day TEXT, parcels INTEGER)")
    db.executemany("INSERT INTO stats VALUES (?, ?)", [(str(s.day), s.parcels) for s in DailyStat.objects.all()])
    db.commit()
    db.close()
