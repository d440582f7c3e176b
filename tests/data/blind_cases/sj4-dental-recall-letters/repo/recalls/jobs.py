"""Periodic jobs of the practice (registered with ``scheduling.registry``)."""
import csv
import logging
import os
import shutil
import tempfile
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from patients.models import Appointment
from scheduling.registry import register_job

from .letters import write_letters
from .models import LetterBatch, Recall
from .printmail import get_vendor

logger = logging.getLogger(__name__)

RECALL_NOTICE = timedelta(days=28)  # letters go out four weeks before the recall is due


def spool_dir():
    path = Path(settings.PRINT_SPOOL_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def recalls_needing_letters(today):
    return (
        Recall.objects.filter(booked=False, letter_batch__isnull=True, due_on__lte=today + RECALL_NOTICE)
        .select_related("patient")
        .order_by("due_on", "pk")
    )


def bundle(files, zip_path):
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            zf.write(path, arcname=Path(path).name)
    return zip_path


@register_job("recall-letters", cron={"hour": 2, "minute": 15})
def send_recall_letters():
    """Render the recall letters that are due, zip them and upload the batch to the print vendor.

    Everything happens in one transaction: if the upload fails, no recall is marked as sent and the letters
    go out with the next night's batch.
    """
    today = timezone.localdate()
    recalls = [r for r in recalls_needing_letters(today) if r.patient.can_receive_letters]
    if not recalls:
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="recall-", dir=spool_dir()))
    with transaction.atomic():
        batch = LetterBatch.objects.create(created_at=timezone.now(), letters=len(recalls))
        files = write_letters(recalls, workdir, today=today)
        zip_path = bundle(files, workdir / f"recalls-{today:%Y%m%d}-{batch.pk}.zip")
        batch.vendor_ref = get_vendor().upload(zip_path)
        archive = Path(settings.LETTER_ARCHIVE_DIR)
        archive.mkdir(parents=True, exist_ok=True)
        shutil.copy2(zip_path, archive / zip_path.name)
        batch.archive_name = zip_path.name
        batch.save(update_fields=["vendor_ref", "archive_name"])
        Recall.objects.filter(pk__in=[r.pk for r in recalls]).update(letter_batch=batch)
    shutil.rmtree(workdir)
    logger.info("recall letters: batch %s, %d letters, vendor ref %s", batch.pk, len(recalls), batch.vendor_ref)
    return len(recalls)


@register_job("front-desk-day-list", cron={"hour": 6, "minute": 30})
def export_day_list():
    """Today's appointments as a CSV for the front desk share. The file is replaced atomically so the desk
    never opens a half-written list."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    appointments = (
        Appointment.objects.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1), cancelled=False)
        .select_related("patient", "dentist")
    )
    target_dir = Path(settings.FRONT_DESK_EXPORT_DIR)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "today.csv"
    tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=target_dir, suffix=".part",
                                      delete=False)
    try:
        with tmp:
            writer = csv.writer(tmp)
            writer.writerow(["time", "patient", "chart", "dentist", "treatment"])
            for appt in appointments:
                writer.writerow([f"{timezone.localtime(appt.starts_at):%H:%M}", str(appt.patient),
                                 appt.patient.chart_number, appt.dentist.name, appt.treatment])
        os.replace(tmp.name, target)
    except BaseException:
        Path(tmp.name).unlink(missing_ok=True)
        raise
    return len(appointments)


@register_job("prune-letter-archive", every=timedelta(days=1))
def prune_letter_archive():
    """Delete archived batch zips older than LETTER_ARCHIVE_DAYS."""
    archive = Path(settings.LETTER_ARCHIVE_DIR)
    if not archive.is_dir():
        return 0
    cutoff = timezone.now().timestamp() - settings.LETTER_ARCHIVE_DAYS * 86400
    removed = 0
    for path in archive.glob("recalls-*.zip"):
        if path.stat().st_mtime < cutoff:
            path.unlink()
            removed += 1
    return removed
