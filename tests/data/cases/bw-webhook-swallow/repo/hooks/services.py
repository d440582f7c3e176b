from django.db import transaction

from .models import Delivery, Endpoint


def emit_event(event, payload):
    """Create one delivery per interested endpoint and queue them once committed."""
    from .tasks import deliver_webhook

    created = []
    for endpoint in Endpoint.objects.filter(active=True):
        if endpoint.wants(event):
            created.append(Delivery.objects.create(endpoint=endpoint, event=event, payload=payload).pk)
    for delivery_id in created:
        transaction.on_commit(lambda pk=delivery_id: deliver_webhook.delay(pk))
    return created
