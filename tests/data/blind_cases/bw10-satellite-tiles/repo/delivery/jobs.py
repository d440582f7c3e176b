"""RQ jobs of the delivery queue."""
import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone

from imagery.models import Scene

from .matching import matching_subscriptions
from .models import DeliveryNotice
from .webhooks import DeliveryError, get_sender, scene_payload

logger = logging.getLogger(__name__)


def _deliver(notice_pk, payload):
    """Thread body: post one webhook and record the attempt."""
    try:
        notice = DeliveryNotice.objects.select_related("subscription").get(pk=notice_pk)
        DeliveryNotice.objects.filter(pk=notice_pk).update(attempts=F("attempts") + 1)
        try:
            get_sender().send(notice.subscription.webhook_url, payload)
        except DeliveryError as exc:
            logger.warning("webhook for notice %s failed: %s", notice_pk, exc)
            DeliveryNotice.objects.filter(pk=notice_pk).update(status=DeliveryNotice.Status.FAILED, last_error=str(exc))
            return False
        DeliveryNotice.objects.filter(pk=notice_pk).update(
            status=DeliveryNotice.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        return True
    finally:
        connection.close()


def notify_subscribers(scene_pk):
    scene = Scene.objects.get(pk=scene_pk)
    payload = scene_payload(scene)
    notice_pks = []
    for sub in matching_subscriptions(scene):
        notice, _ = DeliveryNotice.objects.get_or_create(subscription=sub, scene=scene)
        if notice.status == DeliveryNotice.Status.SENT:
            continue
        if notice.attempts >= settings.DELIVERY_MAX_ATTEMPTS:
            logger.warning("giving up on notice %s after %s attempts", notice.pk, notice.attempts)
            continue
        notice_pks.append(notice.pk)
    if not notice_pks:
        return 0
    with ThreadPoolExecutor(max_workers=settings.DELIVERY_WORKERS, thread_name_prefix="webhooks") as pool:
        sent = sum(pool.map(lambda pk: _deliver(pk, payload), notice_pks))
    logger.info("scene %s: %s of %s webhooks delivered", scene, sent, len(notice_pks))
    return sent
