"""post_save receiver whose only savers are not in a transaction: post_save is sent after save_base's
own atomic block has exited, so the row is committed."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Note
from .tasks import sync_ledger


@receiver(post_save, sender=Note)
def note_saved(sender, instance, created, **kwargs):
    sync_ledger.delay(instance.order_id)


def add_note(order, text):
    return Note.objects.create(order=order, text=text)


def edit_note(note, text):
    note.text = text
    note.save(update_fields=["text"])
