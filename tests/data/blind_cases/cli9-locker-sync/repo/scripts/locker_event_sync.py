#!/usr/bin/env python
"""Follow the LockerLink event feed and apply it to our parcels.

Runs on ops-1 for days at a time. cron only (re)starts it; flock keeps it to one copy:

    */5 * * * *  flock -n /run/lock/locker-sync.lock /srv/lockerhub/venv/bin/python \
                 /srv/lockerhub/app/scripts/locker_event_sync.py >> /var/log/lockerhub/locker-sync.log 2>&1

Our position in the feed is kept in SyncCursor (name "lockerlink"), so after a restart, or after LockerLink or
our database was unavailable for a while, it carries on from the last applied event. Each event is applied in its
own transaction together with the cursor update.

    scripts/locker_event_sync.py --once          # one batch, then exit (catch-up by hand)
    scripts/locker_event_sync.py --interval 10   # poll every 10 s instead of 30
"""
import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lockerhub.settings")

import django  # noqa: E402

django.setup()

from django.db import DatabaseError, close_old_connections, transaction  # noqa: E402

from lockers.events import apply_event  # noqa: E402
from lockers.lockerlink import LockerLinkClient, LockerLinkError  # noqa: E402
from lockers.models import SyncCursor  # noqa: E402

log = logging.getLogger("locker_event_sync")

CURSOR_NAME = "lockerlink"
MAX_BACKOFF = 300


def sync_once(client, *, cursor_name=CURSOR_NAME, batch_size=200):
    """Fetch the next batch after our cursor and apply it. Returns the number of events fetched."""
    cursor, _ = SyncCursor.objects.get_or_create(name=cursor_name)
    events = client.fetch_events(after=cursor.position, limit=batch_size)
    applied = 0
    for event in events:
        with transaction.atomic():
            if apply_event(event) is not None:
                applied += 1
            cursor.position = event.seq
            cursor.save(update_fields=["position", "updated_at"])
    if events:
        log.info("applied %d of %d event(s), cursor at %d", applied, len(events), cursor.position)
    return len(events)


def run(client, *, interval=30.0, batch_size=200, cursor_name=CURSOR_NAME, max_cycles=None, stop_event=None):
    """Poll until ``stop_event`` is set (or ``max_cycles`` cycles ran). Returns the number of cycles."""
    stop_event = stop_event or threading.Event()
    cycles = 0
    db_failures = 0
    while not stop_event.is_set():
        cycles += 1
        try:
            fetched = sync_once(client, cursor_name=cursor_name, batch_size=batch_size)
        except LockerLinkError as exc:
            log.warning("LockerLink unavailable: %s", exc)
            fetched = 0
        except DatabaseError:
            db_failures += 1
            delay = min(interval * 2 ** db_failures, MAX_BACKOFF)
            log.exception("database error (%d in a row), retrying in %ss", db_failures, delay)
            if max_cycles and cycles >= max_cycles:
                break
            stop_event.wait(delay)
            continue
        db_failures = 0

        if max_cycles and cycles >= max_cycles:
            break
        # the same housekeeping Django does at the end of every request
        close_old_connections()
        if fetched < batch_size:
            stop_event.wait(interval)  # caught up; a full batch means there is more, go on at once
    return cycles


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Apply the LockerLink event feed to LockerHub.")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between polls when caught up")
    parser.add_argument("--batch-size", type=int, default=200, help="events per request (LockerLink max 500)")
    parser.add_argument("--once", action="store_true", help="fetch and apply one batch, then exit")
    parser.add_argument("--cursor", default=CURSOR_NAME, help="SyncCursor name (for a second, test consumer)")
    args = parser.parse_args(argv)
    if not 1 <= args.batch_size <= 500:
        parser.error("--batch-size must be between 1 and 500")
    if args.interval < 0:
        parser.error("--interval must not be negative")
    return args


def main(argv=None):
    args = parse_args(argv)
    client = LockerLinkClient.from_settings()
    stop_event = threading.Event()

    def stop(signum, frame):
        log.info("signal %s: stopping after the current batch", signum)
        stop_event.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("following LockerLink events (cursor %r, every %ss)", args.cursor, args.interval)
    cycles = run(client, interval=args.interval, batch_size=args.batch_size, cursor_name=args.cursor,
                 max_cycles=1 if args.once else None, stop_event=stop_event)
    log.info("stopped after %d cycle(s)", cycles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
