import io
import logging

from celery import shared_task
from django.utils import timezone

from properties.models import Property

from .channel import ChannelError, push_rates
from .importers import RateSheetError, RateSheetImporter
from .models import RateSheetUpload

logger = logging.getLogger(__name__)


@shared_task
def import_uploaded_sheet(upload_id):
    """Import a rate sheet uploaded in the back office."""
    upload = RateSheetUpload.objects.select_related("property").get(pk=upload_id)
    if upload.status != RateSheetUpload.Status.QUEUED:
        logger.info("upload %s already processed (%s)", upload_id, upload.status)
        return upload.status
    importer = RateSheetImporter(upload.property, source=f"upload {upload.pk}: {upload.file_name}")
    try:
        result = importer.run(io.StringIO(upload.content))
    except RateSheetError as exc:
        logger.warning("rate sheet upload %s (%s) rejected: %s", upload.pk, upload.file_name, exc)
        upload.status = RateSheetUpload.Status.FAILED
        upload.error = str(exc)
    else:
        upload.status = RateSheetUpload.Status.IMPORTED
        upload.batch_id = result.batch_id
        upload.error = ""
        logger.info("rate sheet upload %s: %s", upload.pk, result.summary())
    upload.processed_at = timezone.now()
    upload.save(update_fields=["status", "error", "batch", "processed_at"])
    return upload.status


@shared_task(bind=True, max_retries=3, default_retry_delay=120)
def push_pending_rates(self):
    total = 0
    for prop in Property.objects.filter(active=True):
        try:
            total += push_rates(prop)
        except ChannelError as exc:
            logger.warning("push for %s failed: %s", prop.code, exc)
    return total
