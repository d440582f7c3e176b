"""The long-running management commands.

These run with transaction=True: the commands manage their own connections/transactions
the same way they do under systemd.
"""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.publishers import MemoryPublisher
from outbox.services import enqueue
from stations.clients import StaticLoggerClient
from stations.models import PollRun, Reading

from .conftest import records

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sleeps(monkeypatch):
    calls = []
    monkeypatch.setattr("time.sleep", calls.append)
    return calls


def test_single_poll_cycle(make_station, sleeps):
    make_station("NE-ARL")
    make_station("NE-MEA")
    now = timezone.now()
    StaticLoggerClient.feed["NE-ARL"] = records(now - timedelta(minutes=20), 4)
    StaticLoggerClient.feed["NE-MEA"] = records(now - timedelta(minutes=20), 3)

    out = StringIO()
    call_command("poll_stations", stdout=out)

    assert Reading.objects.count() == 7
    run = PollRun.objects.get()
    assert (run.stations_polled, run.stations_failed, run.readings_stored) == (2, 0, 7)
    assert sleeps == []
    assert "1 poll cycle(s)" in out.getvalue()


def test_unreachable_station_does_not_block_the_others(make_station, sleeps):
    make_station("NE-ARL")
    make_station("NE-HAR")
    StaticLoggerClient.feed["NE-ARL"] = records(timezone.now() - timedelta(minutes=10), 2)
    StaticLoggerClient.down = {"NE-HAR"}

    call_command("poll_stations", "--iterations", "3", "--interval", "60", stdout=StringIO())

    assert PollRun.objects.count() == 3
    assert all(run.stations_failed == 1 for run in PollRun.objects.all())
    assert Reading.objects.filter(station__code="NE-ARL").count() == 2
    assert len(sleeps) == 2 and all(0 < s <= 60 for s in sleeps)


def test_only_selected_stations(make_station, sleeps):
    make_station("NE-ARL")
    make_station("NE-MEA")
    StaticLoggerClient.feed["NE-ARL"] = records(timezone.now() - timedelta(minutes=10), 2)
    StaticLoggerClient.feed["NE-MEA"] = records(timezone.now() - timedelta(minutes=10), 2)

    call_command("poll_stations", "--station", "NE-MEA", stdout=StringIO())

    assert set(Reading.objects.values_list("station__code", flat=True)) == {"NE-MEA"}


def test_poll_stations_rejects_bad_interval():
    with pytest.raises(CommandError):
        call_command("poll_stations", "--interval", "0", stdout=StringIO())


def test_drain_outbox_delivers_pending_messages(sleeps):
    enqueue("frost.alert", {"station": "NE-CON"}, key="frost:NE-CON:2024-10-13")
    enqueue("summary.daily", {"station": "NE-CON"}, key="summary:NE-CON:2024-10-13")

    call_command("drain_outbox", stdout=StringIO())

    assert [key for _, key, _ in MemoryPublisher.sent] == ["frost:NE-CON:2024-10-13", "summary:NE-CON:2024-10-13"]
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2


def test_drain_outbox_backs_off_failed_deliveries(sleeps):
    MemoryPublisher.fail_topics = {"station.offline"}
    enqueue("station.offline", {"station": "NE-HAR"}, key="offline:NE-HAR:202410140600")

    call_command("drain_outbox", "--iterations", "2", stdout=StringIO())

    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1  # second round: not due yet
    assert message.next_attempt_at > timezone.now()
    assert "rejected" in message.last_error
