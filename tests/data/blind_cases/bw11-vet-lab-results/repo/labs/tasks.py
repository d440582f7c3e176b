import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count
from django.utils import timezone

from clinics.models import Clinic

from . import messaging, services
from .client import LabClientError, get_client
from .models import LabOrder, OwnerNotification
from .parsing import LabReportError

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def notify_owner_of_results(order_id, force=False):
    """Tell the owner their pet's lab results are in (one notice per order unless ``force``)."""
    order = LabOrder.objects.select_related("pet__owner", "clinic").get(pk=order_id)
    if order.status != LabOrder.Status.RESULTED:
        logger.warning("lab order %s is %s, not sending results notice", order.accession, order.status)
        return
    already = order.owner_notifications.filter(kind=OwnerNotification.Kind.RESULTS_READY).exists()
    if already and not force:
        logger.info("owner already notified about lab order %s", order.accession)
        return
    sent = messaging.send_results_ready(order)
    if sent is None:
        return
    channel, recipient = sent
    OwnerNotification.objects.create(order=order, kind=OwnerNotification.Kind.RESULTS_READY,
                                     channel=channel, recipient=recipient)
    logger.info("results notice for lab order %s sent by %s", order.accession, channel)


@shared_task(bind=True, ignore_result=True, autoretry_for=(LabClientError,), retry_backoff=30,
             retry_backoff_max=1800, max_retries=10)
def transmit_lab_order(self, order_id):
    order = LabOrder.objects.select_related("pet", "clinic", "ordering_vet").get(pk=order_id)
    if order.status != LabOrder.Status.PENDING:
        logger.info("lab order %s is %s, not transmitting", order.accession, order.status)
        return
    reference = get_client(order.lab).submit_order(order)
    order.mark_submitted(lab_reference=reference)
    logger.info("lab order %s transmitted to %s as %s", order.accession, order.lab, reference)


@shared_task(ignore_result=True)
def poll_reference_labs():
    for lab in settings.POLLED_LABS:
        try:
            services.poll_lab(lab)
        except (LabClientError, LabReportError):
            logger.exception("polling %s failed; the batch will be fetched again next run", lab)


@shared_task(ignore_result=True)
def send_overdue_digests():
    """Daily: queue a digest for every clinic that has orders the lab has not reported on in time."""
    cutoff = timezone.now() - timedelta(days=settings.LAB_ORDER_OVERDUE_DAYS)
    clinic_ids = list(
        LabOrder.objects.filter(status=LabOrder.Status.SUBMITTED, submitted_at__lt=cutoff)
        .values_list("clinic_id", flat=True).distinct()
    )
    for clinic_id in clinic_ids:
        send_overdue_digest.delay(clinic_id)
    return len(clinic_ids)


@shared_task(ignore_result=True)
def send_overdue_digest(clinic_id):
    clinic = Clinic.objects.get(pk=clinic_id)
    cutoff = timezone.now() - timedelta(days=settings.LAB_ORDER_OVERDUE_DAYS)
    overdue = (LabOrder.objects.filter(clinic=clinic, status=LabOrder.Status.SUBMITTED, submitted_at__lt=cutoff)
               .select_related("pet").order_by("submitted_at"))
    if not overdue:
        return 0
    by_lab = dict(overdue.values_list("lab").annotate(n=Count("id")).order_by())
    lines = [
        f"{o.accession}  {o.get_lab_display():32} {o.panel_code:10} {o.pet.name:15} "
        f"submitted {timezone.localtime(o.submitted_at):%b %d}"
        for o in overdue
    ]
    send_mail(
        f"[vetlink] {len(lines)} lab orders without results",
        "These orders were sent to the lab more than "
        f"{settings.LAB_ORDER_OVERDUE_DAYS} days ago and have no final report yet "
        f"({', '.join(f'{lab}: {n}' for lab, n in sorted(by_lab.items()))}):\n\n" + "\n".join(lines),
        settings.DEFAULT_FROM_EMAIL,
        [clinic.email],
    )
    return len(lines)
