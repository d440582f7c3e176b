"""Per-partition functions for the royalty jobs.

Everything in here is shipped to Spark's executors and runs in their Python workers, one call
per partition. Keep model imports inside the functions: this module is imported by the workers
when they unpickle a task, before anything has configured Django there.
"""
import os
from functools import partial
from itertools import islice

# ISRCs looked up per catalogue query; keeps the IN (...) list well under SQLite's and
# Postgres' comfortable limits.
LOOKUP_BATCH = 500
WRITE_BATCH = 500


def django_ready():
    """Configure Django in this process if nothing has done it yet (once per Python worker)."""
    from django.apps import apps

    if not apps.ready:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "airwave.settings")
        django.setup()


def batched(rows, size):
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def resolve_partition(plays):
    """Attach the label, publisher and publisher share of each play's track from the catalogue.

    Takes Rows (station, isrc, started_at, played_s) and yields tuples in the order of
    ``RESOLVED_SCHEMA`` in ``airplay_royalties``. Plays of ISRCs that are not in the catalogue
    keep ``label_id = None``; the job counts them as unmatched.
    """
    from catalog.models import Track

    for batch in batched(plays, LOOKUP_BATCH):
        isrcs = {play.isrc for play in batch if play.isrc}
        tracks = {
            isrc: (label_id, publisher_id, share)
            for isrc, label_id, publisher_id, share in Track.objects.filter(isrc__in=isrcs).values_list(
                "isrc", "label_id", "publisher_id", "publisher_share_pct"
            )
        }
        for play in batch:
            label_id, publisher_id, share = tracks.get(play.isrc, (None, None, None))
            yield (play.station, play.isrc, play.started_at, play.played_s, label_id, publisher_id, share)


def _write_lines(period_id, lines):
    django_ready()
    from django.db import connections, transaction

    from royalties.models import StatementLine

    try:
        for batch in batched(lines, WRITE_BATCH):
            with transaction.atomic():
                StatementLine.objects.bulk_create([
                    StatementLine(
                        period_id=period_id,
                        holder_id=line.holder_id,
                        station=line.station,
                        plays=line.plays,
                        seconds=line.seconds,
                        amount_cents=line.amount_cents,
                    )
                    for line in batch
                ])
    finally:
        connections.close_all()


def write_lines_partition(period_id):
    """foreachPartition function storing the statement lines of one partition for ``period_id``."""
    return partial(_write_lines, period_id)
