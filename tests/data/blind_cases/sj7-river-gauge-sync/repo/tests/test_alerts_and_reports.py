from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from gauges.jobs import check_levels, prune_readings, sync_readings
from gauges.models import Alert, Reading
from reports.jobs import build_daily_summaries
from reports.models import DailySummary, JobFlag
from riverwatch.scheduler import build_scheduler

from .conftest import NOW, FakeClient, series


@pytest.mark.django_db
def test_alert_raised_once_and_mailed_once(stations):
    sync_readings(client=FakeClient(series("2588010", NOW - timedelta(minutes=30), [2.7, 2.9])), now=NOW)
    assert check_levels(now=NOW) == 1
    assert check_levels(now=NOW + timedelta(minutes=5)) == 0
    alert = Alert.objects.get()
    assert alert.level == Alert.Level.WARNING and alert.peak_level_m == Decimal("2.90")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_alert_cleared_when_level_drops(stations):
    client = FakeClient(series("2588010", NOW - timedelta(minutes=30), [2.9]))
    sync_readings(client=client, now=NOW)
    check_levels(now=NOW)
    client.readings += series("2588010", NOW, [2.5])
    sync_readings(client=client, now=NOW + timedelta(minutes=5))
    check_levels(now=NOW + timedelta(minutes=5))
    assert Alert.objects.get().cleared_at is not None


@pytest.mark.django_db
def test_daily_summaries(stations, fake_client):
    sync_readings(client=fake_client, now=NOW)
    assert build_daily_summaries(day=date(2025, 2, 11), days_back=2) == 2
    marburg = DailySummary.objects.get(station__code="2588010")
    assert (marburg.readings, marburg.min_level_m, marburg.max_level_m) == (4, Decimal("1.92"), Decimal("2.01"))
    assert JobFlag.objects.get(name="daily-summaries").running_since is None


@pytest.mark.django_db
def test_daily_summaries_skip_while_flag_is_set(stations):
    flag = JobFlag.objects.create(name="daily-summaries", running_since=timezone.now(), owner="other-host:1")
    assert build_daily_summaries(day=date(2025, 2, 11)) is None

    flag.running_since = timezone.now() - timedelta(hours=4)  # that run died without cleaning up
    flag.save()
    assert build_daily_summaries(day=date(2025, 2, 11)) == 0


@pytest.mark.django_db
def test_prune_keeps_recent_readings(stations, fake_client):
    sync_readings(client=fake_client, now=NOW)
    Reading.objects.filter(pk=Reading.objects.first().pk).update(measured_at=NOW - timedelta(days=500))
    assert prune_readings(now=NOW) == 1
    assert Reading.objects.count() == 7


def test_scheduler_registers_all_jobs():
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = build_scheduler(BackgroundScheduler)
    assert {job.id for job in scheduler.get_jobs()} == {
        "sync_readings", "check_levels", "build_daily_summaries", "prune_readings",
    }
