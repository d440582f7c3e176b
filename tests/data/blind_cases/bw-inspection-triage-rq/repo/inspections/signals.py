import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from fleetdesk.queues import get_queue

from .jobs import triage_inspection
from .models import Inspection

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Inspection, dispatch_uid="inspections.queue_triage")
def queue_triage(sender, instance, created, update_fields=None, **kwargs):
    """A submitted inspection is triaged by a worker (grounding, work orders)."""
    if instance.status != Inspection.Status.SUBMITTED or instance.triage_job_id:
        return
    job = get_queue("inspections").enqueue(triage_inspection, instance.pk, job_timeout=120)
    Inspection.objects.filter(pk=instance.pk).update(triage_job_id=job.id)
    instance.triage_job_id = job.id
    logger.info("inspection %s: triage job %s queued", instance.pk, job.id)
