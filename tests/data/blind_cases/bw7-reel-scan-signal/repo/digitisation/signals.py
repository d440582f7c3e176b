"""Signal receivers that hand work to the Celery workers."""
import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import DigitisationRequest, ScanBatch
from .tasks import generate_access_copies, prepare_scan_batch

logger = logging.getLogger(__name__)


@receiver(post_save, sender=DigitisationRequest, dispatch_uid="queue_scan_preparation")
def queue_scan_preparation(sender, instance, created, update_fields=None, using=None, **kwargs):
    """Once a request is submitted, the lab worker prepares its scan batch."""
    if instance.status != DigitisationRequest.Status.SUBMITTED:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    logger.info("DR-%s submitted, queueing scan preparation", instance.pk)
    prepare_scan_batch.delay(instance.pk)


@receiver(post_save, sender=ScanBatch, dispatch_uid="queue_access_copies")
def queue_access_copies(sender, instance, created, update_fields=None, using=None, **kwargs):
    """When the lab marks a batch scanned, generate the access copies after the change is committed."""
    if instance.status != ScanBatch.Status.SCANNED:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    batch_id = instance.pk
    transaction.on_commit(lambda: generate_access_copies.delay(batch_id), using=using)
