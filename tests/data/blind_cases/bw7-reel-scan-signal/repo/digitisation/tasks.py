import logging
import os
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from collection.models import Reel

from .models import DigitisationRequest, ScanBatch

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def prepare_scan_batch(request_id):
    """Build the scan batch (reel manifest, footage) for a submitted request."""
    req = DigitisationRequest.objects.select_related("film", "scanner").get(pk=request_id)
    if req.status != DigitisationRequest.Status.SUBMITTED:
        logger.warning("DR-%s is %s, not submitted; no batch prepared", req.pk, req.status)
        return None
    reels = list(Reel.objects.filter(requests__request=req).order_by("number"))
    if not reels:
        logger.warning("DR-%s has no reels; no batch prepared", req.pk)
        return None
    lines = []
    for r in reels:
        line = f"R{r.number:02d}\t{r.gauge}\t{r.base}\t{r.footage_ft} ft"
        if r.vinegar_syndrome:
            line += "\tVINEGAR"
        lines.append(line)
    manifest = "\n".join(lines)
    batch, _ = ScanBatch.objects.get_or_create(
        request=req,
        defaults={
            "scanner": req.scanner,
            "reel_count": len(reels),
            "total_footage_ft": sum(r.footage_ft for r in reels),
            "manifest": f"{req.film.accession_no} {req.film.title}\n{manifest}",
        },
    )
    req.status = DigitisationRequest.Status.QUEUED
    req.save(update_fields=["status"])
    logger.info("DR-%s: batch %s prepared (%s reels) on %s", req.pk, batch.pk, len(reels), req.scanner)
    return batch.pk


@shared_task(acks_late=True)
def generate_access_copies(batch_id):
    batch = ScanBatch.objects.select_related("request__film").get(pk=batch_id)
    if batch.status != ScanBatch.Status.SCANNED:
        return None
    folder = os.path.join(settings.ACCESS_COPY_ROOT, batch.request.film.accession_no)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"batch-{batch.pk}.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(batch.manifest)
    batch.status = ScanBatch.Status.PUBLISHED
    batch.save(update_fields=["status"])
    req = batch.request
    req.status = DigitisationRequest.Status.DONE
    req.save(update_fields=["status"])
    return path


@shared_task
def expire_stale_drafts():
    cutoff = timezone.now() - timedelta(days=settings.DRAFT_EXPIRY_DAYS)
    return DigitisationRequest.objects.filter(
        status=DigitisationRequest.Status.DRAFT, created_at__lt=cutoff
    ).update(status=DigitisationRequest.Status.EXPIRED)
