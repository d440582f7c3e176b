from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from production.scheduler import build_scheduler

LONDON = ZoneInfo("Europe/London")


def test_jobs_are_registered_in_london_time():
    scheduler = build_scheduler(BackgroundScheduler)
    jobs = {job.id: job for job in scheduler.get_jobs()}

    assert set(jobs) == {"production-sheet", "route-manifests", "purge-old-sheets"}
    after = datetime(2024, 8, 3, 12, 0, tzinfo=LONDON)  # a Saturday
    assert jobs["production-sheet"].trigger.get_next_fire_time(None, after) == datetime(
        2024, 8, 3, 20, 30, tzinfo=LONDON)
    assert jobs["route-manifests"].trigger.get_next_fire_time(None, after) == datetime(
        2024, 8, 5, 4, 15, tzinfo=LONDON)  # no round on Sunday
    assert jobs["purge-old-sheets"].trigger.get_next_fire_time(None, after) == datetime(
        2024, 8, 4, 3, 0, tzinfo=LONDON)


def test_unknown_job_in_settings_is_refused(settings):
    settings.SCHEDULER_JOBS = {**settings.SCHEDULER_JOBS, "bake-cakes": "0 1 * * *"}
    with pytest.raises(ValueError, match="bake-cakes"):
        build_scheduler(BackgroundScheduler)
