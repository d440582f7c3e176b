"""Acceptance tests: a telemetry sync run that fails must not stop the following
scheduled runs, while overlapping runs are still prevented."""
from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from gauges.jobs import sync_readings
from gauges.models import Reading, Station
from gauges.telemetry import RawReading, TelemetryError

NOW = datetime(2025, 2, 11, 3, 40, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def station(db):
    return Station.objects.create(code="2588010", name="Marburg", river="Lahn",
                                  warning_level_m=Decimal("2.80"), alert_level_m=Decimal("3.60"))


class Provider:
    def __init__(self, fail_times=0, latest=NOW):
        self.fail_times = fail_times
        self.calls = 0
        self.readings = [RawReading("2588010", latest - timedelta(minutes=15 * i), Decimal("2.10")) for i in range(4)]

    def readings_since(self, station_codes, since):
        self.calls += 1
        if self.calls <= self.fail_times:
            raise TelemetryError("GET readings: <urlopen error timed out>")
        return [r for r in self.readings if r.measured_at > since]


def run_failing_sync(provider, now):
    try:
        result = sync_readings(client=provider, now=now)
    except TelemetryError:
        return "raised"
    return result


@pytest.mark.django_db
def test_next_run_after_a_failed_run_fetches_readings(station):
    provider = Provider(fail_times=1)
    run_failing_sync(provider, NOW)
    assert Reading.objects.count() == 0

    stored = sync_readings(client=provider, now=NOW + timedelta(minutes=5))

    assert provider.calls == 2, "the run after the failure did not contact the provider"
    assert stored == 4
    assert Reading.objects.count() == 4


@pytest.mark.django_db
def test_recovers_after_several_failed_runs(station):
    provider = Provider(fail_times=3)
    for i in range(3):
        run_failing_sync(provider, NOW + timedelta(minutes=5 * i))

    sync_readings(client=provider, now=NOW + timedelta(minutes=15))

    assert provider.calls == 4
    assert Reading.objects.count() == 4


@pytest.mark.django_db
def test_manual_sync_command_works_after_a_failed_scheduled_run(station, monkeypatch):
    now = timezone.now()
    run_failing_sync(Provider(fail_times=1, latest=now), now)
    monkeypatch.setattr("gauges.jobs.default_client", lambda: Provider(latest=now - timedelta(minutes=1)))

    out = StringIO()
    call_command("sync_readings", stdout=out)

    assert "another sync is in progress" not in out.getvalue()
    assert Reading.objects.count() == 4


@pytest.mark.django_db
def test_overlapping_run_is_still_skipped(station):
    inner_results = []

    class SlowProvider(Provider):
        def readings_since(self, station_codes, since):
            # a second scheduler host starts the job while this run is still fetching
            inner_results.append(sync_readings(client=Provider(), now=NOW))
            return super().readings_since(station_codes, since)

    assert sync_readings(client=SlowProvider(), now=NOW) == 4
    assert inner_results == [None]
    assert Reading.objects.count() == 4
    # and once the run is over, the next one is not skipped
    assert sync_readings(client=Provider(), now=NOW + timedelta(minutes=5)) == 0
