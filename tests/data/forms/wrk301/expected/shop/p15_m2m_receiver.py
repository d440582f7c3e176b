"""m2m_changed is sent inside Django's own atomic block."""
from django.db import transaction
from django.db.models.signals import m2m_changed

from .jobs import export_order
from .models import Order


def tags_changed(sender, instance, action, **kwargs):
    from rq import Queue

    if action == "post_add":
        transaction.on_commit(lambda: Queue("exports").enqueue(export_order, instance.pk))


m2m_changed.connect(tags_changed, sender=Order.tags.through)
