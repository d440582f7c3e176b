"""Acceptance tests for scripts/locker_event_sync.py: when the database connection goes away under the running
script (DB restart / failover, idle connection killed), the script must recover by itself and carry on from its
cursor, without a restart, without losing or double-applying events."""
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.db import connection

from lockers.lockerlink import VendorEvent
from lockers.models import Compartment, LockerEvent, Parcel, Site, SyncCursor
from notify.models import OutboxMessage
from scripts import locker_event_sync

T0 = datetime(2024, 11, 12, 2, 50, tzinfo=dt_timezone.utc)


def drop_db_connection():
    """What a database restart does to the open connection: the socket is gone, Django does not know."""
    raw = connection.connection
    if raw is not None:
        raw.close()


def deposited(seq, code, label):
    return VendorEvent(seq=seq, kind="parcel.deposited", site="UTR-CS-01", compartment=label,
                       tracking_code=code, occurred_at=T0 + timedelta(minutes=seq % 100))


class Feed:
    """Fake LockerLink feed. Events become visible per poll; the DB connection is dropped during chosen polls."""

    def __init__(self, batches, drop_on_polls=()):
        self.batches = batches          # poll number (1-based) -> events that appear at that poll
        self.drop_on_polls = set(drop_on_polls)
        self.visible = []
        self.polls = 0

    def fetch_events(self, after, limit=200):
        self.polls += 1
        self.visible.extend(self.batches.get(self.polls, []))
        if self.polls in self.drop_on_polls:
            drop_db_connection()
        return sorted((e for e in self.visible if e.seq > after), key=lambda e: e.seq)[:limit]


@pytest.fixture(params=["per-cycle connection", "persistent connection"])
def db_mode(request, monkeypatch):
    """Test settings use CONN_MAX_AGE=0; production keeps connections open (CONN_MAX_AGE=300) and its backend
    notices a dead connection when asked (sqlite's is_usable() always says yes)."""
    if request.param == "persistent connection":
        monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 300)

        def is_usable():
            try:
                connection.connection.execute("SELECT 1")
            except Exception:
                return False
            return True

        monkeypatch.setattr(connection, "is_usable", is_usable)
    return request.param


@pytest.fixture
def parcels(transactional_db, db_mode):
    site = Site.objects.create(code="UTR-CS-01", name="Utrecht Centraal")
    for label in ("A01", "A02", "A03", "A04"):
        Compartment.objects.create(site=site, label=label)
    for i in range(1, 5):
        Parcel.objects.create(tracking_code=f"3SUTR000{i}", carrier="PostNL", recipient_name="Daan Bakker",
                              recipient_email=f"daan{i}@example.nl", site=site)
    connection.close()  # the script starts with a connection of its own
    yield
    connection.close()


def assert_all_applied(seqs):
    connection.close()  # look at what was committed, whatever state the script left its connection in
    assert list(LockerEvent.objects.values_list("seq", flat=True)) == seqs
    assert SyncCursor.objects.get(name="lockerlink").position == seqs[-1]
    for i in range(1, len(seqs) + 1):
        parcel = Parcel.objects.get(tracking_code=f"3SUTR000{i}")
        assert parcel.status == Parcel.Status.IN_LOCKER, parcel.tracking_code
        assert parcel.compartment.label == f"A0{i}"
    # exactly one pickup code per parcel: nothing applied twice
    assert OutboxMessage.objects.filter(template="pickup_code").count() == len(seqs)


def test_recovers_after_connection_drops_mid_cycle(parcels):
    feed = Feed({1: [deposited(1001, "3SUTR0001", "A01")],
                 2: [deposited(1002, "3SUTR0002", "A02")],
                 4: [deposited(1003, "3SUTR0003", "A03")]},
                drop_on_polls={2})

    locker_event_sync.run(feed, interval=0, max_cycles=6)

    assert_all_applied([1001, 1002, 1003])


def test_recovers_when_connection_dropped_while_caught_up(parcels):
    # the script is idle (nothing new) when the database goes away; events arrive afterwards
    feed = Feed({1: [deposited(2001, "3SUTR0001", "A01")],
                 5: [deposited(2002, "3SUTR0002", "A02"), deposited(2003, "3SUTR0003", "A03")]},
                drop_on_polls={3})

    locker_event_sync.run(feed, interval=0, max_cycles=8)

    assert_all_applied([2001, 2002, 2003])


def test_recovers_from_repeated_drops(parcels):
    feed = Feed({1: [deposited(3001, "3SUTR0001", "A01")],
                 2: [deposited(3002, "3SUTR0002", "A02")],
                 5: [deposited(3003, "3SUTR0003", "A03")],
                 8: [deposited(3004, "3SUTR0004", "A04")]},
                drop_on_polls={2, 5, 8})

    locker_event_sync.run(feed, interval=0, max_cycles=12)

    assert_all_applied([3001, 3002, 3003, 3004])
