from django.db import transaction
from django.db.models.signals import pre_save, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Boat
from .tasks import send_document_reminder


@receiver(pre_save, sender=Boat, dispatch_uid="owners.boat_remember_documents")
def remember_previous_documents(sender, instance, **kwargs):
    previous = None
    if instance.pk:
        previous = (
            Boat.objects.filter(pk=instance.pk)
            .values("insurance_valid_until", "registration_valid_until")
            .first()
        )
    instance._previous_documents = previous


@receiver(post_save, sender=Boat, dispatch_uid="owners.boat_document_check")
def check_documents_on_save(sender, instance, created, raw=False, **kwargs):
    """A boat registered (or updated) with an already expired insurance or registration gets a reminder right away."""
    if raw:
        return
    expires = instance.first_expiring_document()
    if expires is None or expires >= timezone.localdate():
        return
    previous = getattr(instance, "_previous_documents", None)
    if previous and min(d for d in previous.values() if d is not None) == expires:
        return
    boat_id = instance.pk
    transaction.on_commit(lambda: send_document_reminder.delay(boat_id))
