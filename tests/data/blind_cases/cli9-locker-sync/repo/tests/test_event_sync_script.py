import pytest

from lockers.lockerlink import LockerLinkError
from lockers.models import LockerEvent, Parcel, SyncCursor
from scripts import locker_event_sync

from .conftest import FakeLockerLink, vendor_event


@pytest.mark.django_db
def test_sync_once_applies_batch_and_moves_cursor(make_parcel):
    make_parcel("3SABC0101", email="a@example.nl")
    make_parcel("3SABC0102", email="b@example.nl")
    client = FakeLockerLink([
        vendor_event(101, "parcel.deposited", "3SABC0101", compartment="A01"),
        vendor_event(102, "parcel.deposited", "3SABC0102", compartment="A02"),
        vendor_event(103, "parcel.collected", "3SABC0101", compartment="A01"),
    ])

    assert locker_event_sync.sync_once(client, batch_size=2) == 2
    assert SyncCursor.objects.get(name="lockerlink").position == 102
    assert locker_event_sync.sync_once(client, batch_size=2) == 1
    assert SyncCursor.objects.get(name="lockerlink").position == 103
    assert client.calls == [0, 102]
    assert Parcel.objects.get(tracking_code="3SABC0101").status == Parcel.Status.COLLECTED


@pytest.mark.django_db
def test_sync_once_resumes_from_stored_cursor(site):
    SyncCursor.objects.create(name="lockerlink", position=500)
    client = FakeLockerLink([vendor_event(499, "site.heartbeat"), vendor_event(501, "site.heartbeat")])
    assert locker_event_sync.sync_once(client) == 1
    assert list(LockerEvent.objects.values_list("seq", flat=True)) == [501]


@pytest.mark.django_db(transaction=True)
def test_run_once(make_parcel):
    make_parcel("3SABC0201", email="a@example.nl")
    client = FakeLockerLink([vendor_event(201, "parcel.deposited", "3SABC0201")])
    assert locker_event_sync.run(client, interval=0, max_cycles=1) == 1
    assert Parcel.objects.get().status == Parcel.Status.IN_LOCKER


@pytest.mark.django_db(transaction=True)
def test_run_keeps_polling_when_lockerlink_is_down(site):
    class Flaky(FakeLockerLink):
        def fetch_events(self, after, limit=200):
            if len(self.calls) < 2:
                self.calls.append(after)
                raise LockerLinkError("GET /v2/events: HTTP 502")
            return super().fetch_events(after, limit)

    client = Flaky([vendor_event(301, "site.heartbeat"), vendor_event(302, "site.heartbeat")])
    assert locker_event_sync.run(client, interval=0, max_cycles=3) == 3
    assert SyncCursor.objects.get(name="lockerlink").position == 302


def test_parse_args():
    args = locker_event_sync.parse_args(["--once", "--batch-size", "50"])
    assert args.once and args.batch_size == 50 and args.interval == 30.0
    with pytest.raises(SystemExit):
        locker_event_sync.parse_args(["--batch-size", "1000"])
