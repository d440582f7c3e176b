import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from trials.models import Randomization, Site

from .inventory import NoKitAvailable, allocatable_kits, expire_old_kits, request_resupply, take_kit
from .models import KitAssignment

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8, default_retry_delay=15 * 60)
def allocate_kit(self, randomization_id):
    """Assign a kit of the participant's arm and tell the (unblinded) site pharmacist."""
    randomization = (
        Randomization.objects.select_related("participant__site__study", "arm").get(pk=randomization_id)
    )
    existing = KitAssignment.objects.filter(randomization=randomization).select_related("kit").first()
    if existing:
        logger.info("%s already has kit %s", randomization, existing.kit)
        return existing.kit.kit_number

    site = randomization.participant.site
    try:
        kit = take_kit(site, randomization.arm)
    except NoKitAvailable as exc:
        request_resupply(site, randomization.arm, quantity=settings.KIT_RESUPPLY_THRESHOLD * 2)
        logger.warning("%s: %s, retrying", randomization, exc)
        raise self.retry(exc=exc)

    assignment = KitAssignment.objects.create(randomization=randomization, kit=kit)
    send_mail(
        subject=f"[{site.study.code}] kit {kit.kit_number} for {randomization.randomization_number}",
        message=(
            f"Please dispense kit {kit.kit_number} (lot {kit.lot}, expires {kit.expires_on:%Y-%m-%d}) to "
            f"participant {randomization.participant.screening_number} at the day-1 visit."
        ),
        from_email=None,
        recipient_list=[site.pharmacist_email],
    )
    KitAssignment.objects.filter(pk=assignment.pk).update(pharmacist_notified_at=timezone.now())
    return kit.kit_number


@shared_task
def expire_kits():
    expired = expire_old_kits()
    logger.info("expired %d kits", expired)
    return expired


@shared_task
def check_site_stock():
    """Open resupply requests for sites running low on any arm."""
    opened = 0
    threshold = settings.KIT_RESUPPLY_THRESHOLD
    for site in Site.objects.filter(is_active=True, study__is_enrolling=True).select_related("study"):
        for arm in site.study.arms.all():
            if allocatable_kits(site, arm).count() < threshold:
                _, created = request_resupply(site, arm, quantity=threshold * 2)
                opened += int(created)
    return opened
