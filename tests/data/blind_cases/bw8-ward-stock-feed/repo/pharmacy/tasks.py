import logging

from celery import shared_task

from .alerts import raise_low_stock_alerts
from .feeds.client import FeedUnavailable
from .feeds.dispensing_service import DispensingPushService
from .feeds.stock_service import WardStockService
from .models import DispensingEvent, Ward

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(FeedUnavailable,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=6,
)
def sync_ward_stock(ward_code):
    """Mirror one ward's cabinet stock; retried with backoff while the vendor feed is down."""
    ward = Ward.objects.get(code=ward_code)
    count = WardStockService().sync(ward)
    check_low_stock.delay(ward_code)
    return count


@shared_task
def refresh_all_wards():
    codes = list(Ward.objects.filter(active=True).values_list("code", flat=True))
    for code in codes:
        sync_ward_stock.delay(code)
    return len(codes)


@shared_task(bind=True, max_retries=8)
def push_dispensing_batch(self, ward_code):
    ward = Ward.objects.get(code=ward_code)
    try:
        pushed = DispensingPushService().push_pending(ward)
    except FeedUnavailable as exc:
        raise self.retry(exc=exc, countdown=60 * (self.request.retries + 1))
    logger.info("ward %s: pushed %d dispensing event(s)", ward_code, pushed)
    return pushed


@shared_task
def push_pending_dispensing():
    codes = list(DispensingEvent.objects.filter(pushed_at__isnull=True)
                 .values_list("ward__code", flat=True).distinct())
    for code in codes:
        push_dispensing_batch.delay(code)
    return len(codes)


@shared_task
def check_low_stock(ward_code):
    ward = Ward.objects.get(code=ward_code)
    return len(raise_low_stock_alerts(ward))
