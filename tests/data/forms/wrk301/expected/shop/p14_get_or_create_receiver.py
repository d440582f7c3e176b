"""pre_save receiver fired by get_or_create(): Django opens a transaction around its create."""
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Tag
from .tasks import sync_ledger


@receiver(pre_save, sender=Tag)
def tag_saving(sender, instance, **kwargs):
    transaction.on_commit(lambda: sync_ledger.delay(instance.name))


def ensure_tag(name):
    tag, _ = Tag.objects.get_or_create(name=name)
    return tag
