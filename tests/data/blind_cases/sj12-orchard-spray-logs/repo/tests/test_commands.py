from datetime import date, timedelta
from io import StringIO

import pytest
import schedule
from django.core import mail
from django.core.management import call_command

from spraylogs.jobs import phi_warnings
from spraylogs.models import Submission
from spraylogs.scheduling import register_jobs

from .conftest import WEEK, local


@pytest.mark.django_db
def test_spray_summary_is_read_only(farm, spray):
    spray(local(2024, 5, 7, 6, 0))
    spray(local(2024, 5, 8, 6, 0))
    out = StringIO()
    call_command("spray_summary", "--week", "2024-05-06", stdout=out)
    text = out.getvalue()
    assert "KER01" in text and "not attempted" in text
    assert "      2" in text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_run_jobs_once_files_spray_logs(farm, portal):
    out = StringIO()
    call_command("run_jobs", "--once", "spray_logs", stdout=out)
    assert "submitted" in out.getvalue()
    assert len(portal.uploads) == 1


def test_weekly_export_is_scheduled_monday_morning():
    scheduler = register_jobs(schedule.Scheduler())
    [job] = [j for j in scheduler.get_jobs() if "spray_logs" in j.tags]
    assert job.start_day == "monday" and str(job.at_time) == "05:00:00"
    assert {t for j in scheduler.get_jobs() for t in j.tags} == {
        "spray_logs", "spray_logs_retry", "product_register", "phi_warnings"}


@pytest.mark.django_db
def test_phi_warning_mailed_to_grower(block, spray):
    block.expected_harvest = date(2024, 8, 20)
    block.save()
    spray(local(2024, 8, 15, 7, 0))
    assert phi_warnings(today=date(2024, 8, 16)) == 1
    assert mail.outbox[0].to == ["lsandhu@example.com"]
    assert "do not harvest before 2024-08-22" in mail.outbox[0].body
