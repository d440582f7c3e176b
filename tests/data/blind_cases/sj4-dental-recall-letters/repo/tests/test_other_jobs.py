import os
import time
from datetime import datetime, timedelta
from io import StringIO

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from patients.models import Appointment, Dentist, Patient
from recalls.jobs import export_day_list, prune_letter_archive
from scheduling import registry
from scheduling.management.commands.run_scheduler import build_scheduler


@pytest.mark.django_db
def test_day_list_has_todays_appointments(work_dirs):
    dentist = Dentist.objects.create(name="Dr Osei")
    patient = Patient.objects.create(chart_number="C1", first_name="Ola", last_name="Berg")
    today_10 = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time())) + timedelta(hours=10)
    Appointment.objects.create(patient=patient, dentist=dentist, starts_at=today_10, treatment="Filling")
    Appointment.objects.create(patient=patient, dentist=dentist, starts_at=today_10 + timedelta(days=1))

    assert export_day_list() == 1
    out = work_dirs / "front-desk"
    assert sorted(p.name for p in out.iterdir()) == ["today.csv"]
    assert "10:00,Ola Berg,C1,Dr Osei,Filling" in (out / "today.csv").read_text(encoding="utf-8")


def test_prune_removes_old_archives_only(work_dirs):
    archive = work_dirs / "archive"
    archive.mkdir()
    old, new = archive / "recalls-20230101-1.zip", archive / "recalls-20240101-2.zip"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    long_ago = time.time() - 200 * 86400
    os.utime(old, (long_ago, long_ago))
    assert prune_letter_archive() == 1
    assert [p.name for p in archive.iterdir()] == [new.name]


def test_registry_rejects_bad_declarations():
    with pytest.raises(ValueError):
        registry.register_job("x", every=timedelta(hours=1), cron={"hour": 1})
    with pytest.raises(ValueError):
        registry.register_job("recall-letters", every=timedelta(days=1))(lambda: None)


def test_scheduler_gets_every_registered_job():
    scheduler = build_scheduler(BackgroundScheduler)
    assert sorted(job.id for job in scheduler.get_jobs()) == [
        "front-desk-day-list", "prune-letter-archive", "recall-letters"]


@pytest.mark.django_db
def test_run_job_command(work_dirs):
    out = StringIO()
    call_command("run_job", "prune-letter-archive", stdout=out)
    assert out.getvalue().strip() == "prune-letter-archive: 0"
    with pytest.raises(CommandError, match="unknown job"):
        call_command("run_job", "nope", stdout=StringIO())
