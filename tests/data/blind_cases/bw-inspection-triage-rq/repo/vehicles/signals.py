from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from fleetdesk.queues import get_queue

from .jobs import sync_vehicle_to_insurer
from .models import Vehicle


@receiver(post_save, sender=Vehicle, dispatch_uid="vehicles.register_with_insurer")
def register_with_insurer(sender, instance, created, **kwargs):
    if not created:
        return
    vehicle_id = instance.pk
    transaction.on_commit(lambda: get_queue("default").enqueue(sync_vehicle_to_insurer, vehicle_id))
