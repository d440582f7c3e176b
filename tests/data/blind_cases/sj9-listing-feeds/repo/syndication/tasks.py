import logging

from celery import shared_task

from .exporter import FeedExporter
from .models import Portal
from .workspace import ExportInProgress

logger = logging.getLogger(__name__)


@shared_task
def export_feed_now(portal_id):
    """The admin's "Export now" button: one portal, outside the hourly schedule."""
    portal = Portal.objects.filter(pk=portal_id).first()
    if portal is None:
        logger.warning("export_feed_now: portal %s no longer exists", portal_id)
        return None
    try:
        run = FeedExporter(portal).run()
    except ExportInProgress as exc:
        logger.info("export_feed_now: %s", exc)
        return None
    return run.pk
