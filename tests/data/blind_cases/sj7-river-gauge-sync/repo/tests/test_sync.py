from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from gauges.jobs import sync_readings
from gauges.models import Reading, Station
from riverwatch.locks import cache_lock, lock_holder

from .conftest import NOW, FakeClient, series


@pytest.mark.django_db
def test_first_sync_backfills_and_sets_last_reading(stations, fake_client):
    assert sync_readings(client=fake_client, now=NOW) == 8
    assert Reading.objects.count() == 8
    marburg = Station.objects.get(code="2588010")
    assert marburg.last_reading_at == NOW - timedelta(hours=1) + timedelta(minutes=45)
    # first run asks for the whole backfill window
    assert fake_client.calls[0][1] == NOW - timedelta(hours=48)


@pytest.mark.django_db
def test_second_sync_only_stores_new_readings(stations, fake_client):
    sync_readings(client=fake_client, now=NOW)
    fake_client.readings += series("2588010", NOW, [2.05])
    assert sync_readings(client=fake_client, now=NOW + timedelta(minutes=5)) == 1
    assert Reading.objects.count() == 9


@pytest.mark.django_db
def test_sync_is_skipped_while_another_run_holds_the_lock(stations, fake_client):
    with cache_lock("sync-readings") as acquired:
        assert acquired
        assert sync_readings(client=fake_client, now=NOW) is None
    assert Reading.objects.count() == 0
    assert fake_client.calls == []


@pytest.mark.django_db
def test_lock_is_released_after_a_run(stations, fake_client):
    sync_readings(client=fake_client, now=NOW)
    assert lock_holder("sync-readings") is None
    assert sync_readings(client=fake_client, now=NOW + timedelta(minutes=5)) == 0


@pytest.mark.django_db
def test_inactive_stations_are_not_requested(stations, fake_client):
    Station.objects.filter(code="2588320").update(active=False)
    sync_readings(client=fake_client, now=NOW)
    assert fake_client.calls[0][0] == ("2588010",)


@pytest.mark.django_db
def test_sync_command(stations, monkeypatch):
    monkeypatch.setattr("gauges.jobs.default_client", lambda: FakeClient(series("2588010", NOW, [1.5])))
    out = StringIO()
    call_command("sync_readings", stdout=out)
    assert "new reading(s)" in out.getvalue()
