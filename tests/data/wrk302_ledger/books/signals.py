from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Entry
from .tasks import notify_void, send_receipt


@receiver(post_save, sender=Entry)
def entry_posted(sender, instance, created, using=None, **kwargs):
    if created:
        transaction.on_commit(lambda: send_receipt.delay(instance.pk))


@receiver(post_delete, sender=Entry)
def entry_voided(sender, instance, using=None, **kwargs):
    transaction.on_commit(lambda: notify_void.delay(instance.pk), using=using)
