from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest

from outbox.models import OutboxMessage
from stations.models import DailySummary, Reading
from stations.summaries import growing_degree_days
from stations.tasks import build_daily_summaries, flag_silent_stations


def test_growing_degree_days_clamps_to_base_and_cap():
    assert growing_degree_days(5.0, 20.0) == 5.0
    assert growing_degree_days(18.0, 34.0) == 14.0
    assert growing_degree_days(None, 20.0) is None


@pytest.mark.django_db
def test_daily_summary_uses_the_local_day(make_station):
    station = make_station("NE-ARL")
    # 2024-07-02 in America/Chicago (CDT, UTC-5) runs from 05:00Z to 05:00Z the next day.
    start = datetime(2024, 7, 2, 5, 0, tzinfo=dt_timezone.utc)
    temps = [14.0, 22.0, 31.0, 18.0]
    for i, t in enumerate(temps):
        Reading.objects.create(station=station, observed_at=start + timedelta(hours=6 * i + 1),
                               air_temp_c=t, precipitation_mm=1.2)
    Reading.objects.create(station=station, observed_at=start - timedelta(hours=1), air_temp_c=40.0)

    build_daily_summaries.delay("2024-07-02")

    summary = DailySummary.objects.get(station=station, date=date(2024, 7, 2))
    assert (summary.air_temp_min, summary.air_temp_max) == (14.0, 31.0)
    assert summary.precipitation_total == 4.8
    assert summary.growing_degree_days == 12.0
    assert OutboxMessage.objects.filter(topic="summary.daily").count() == 1


@pytest.mark.django_db
def test_silent_stations_are_flagged_once(make_station):
    from django.utils import timezone

    make_station("NE-OK", last_observed_at=timezone.now() - timedelta(minutes=5))
    make_station("NE-QUIET", last_observed_at=timezone.now() - timedelta(hours=3))

    assert flag_silent_stations.delay().get() == 1
    assert flag_silent_stations.delay().get() == 0
    assert OutboxMessage.objects.get(topic="station.silent").payload["station"] == "NE-QUIET"
