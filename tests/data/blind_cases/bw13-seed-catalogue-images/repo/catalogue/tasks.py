import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .links import SupplierPageChecker
from .models import Variety, VarietyImage
from .photos.refresh import PhotoRefresher

logger = logging.getLogger(__name__)


def images_due_for_refresh(variety_ids=None, force=False, now=None):
    now = now or timezone.now()
    images = VarietyImage.objects.filter(variety__is_active=True)
    if variety_ids:
        images = images.filter(variety_id__in=variety_ids)
    if not force:
        cutoff = now - timedelta(hours=settings.PHOTO_REFRESH_MAX_AGE_HOURS)
        images = images.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=cutoff))
    return images.order_by("variety_id", "role", "position")


@db_task(retries=1, retry_delay=600)
def refresh_variety_photos(variety_ids=None, force=False):
    """Re-read variety photos from their source and update their metadata.

    Without ``variety_ids`` every active variety is considered; ``force`` ignores
    when a photo was last checked.
    """
    image_ids = list(images_due_for_refresh(variety_ids, force).values_list("pk", flat=True))
    if not image_ids:
        logger.info("variety photos: nothing due")
        return {}
    summary = PhotoRefresher().refresh(image_ids)
    logger.info("variety photos: %d checked (%s)", len(image_ids), summary)
    return dict(summary)


@db_periodic_task(crontab(hour="3", minute="15"))
def nightly_photo_refresh():
    refresh_variety_photos.call_local()


@db_periodic_task(crontab(day_of_week="1", hour="4", minute="40"))
def check_supplier_pages():
    """Flag varieties whose supplier product page no longer resolves."""
    varieties = list(
        Variety.objects.filter(is_active=True).exclude(supplier_page_url="").values_list("pk", "supplier_page_url")
    )
    results = SupplierPageChecker().check(url for _, url in varieties)
    now = timezone.now()
    broken = []
    with transaction.atomic():
        for pk, url in varieties:
            ok = results.get(url, False)
            Variety.objects.filter(pk=pk).update(supplier_page_ok=ok, supplier_page_checked_at=now)
            if not ok:
                broken.append(url)
    logger.info("supplier pages: %d checked, %d broken", len(varieties), len(broken))
    return broken
