import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import Stay, WaitlistEntry

logger = logging.getLogger(__name__)


def _stay_summary(stay):
    return (
        f"Boat:      {stay.boat_name}\n"
        f"Berth:     {stay.berth.code} ({stay.berth.get_size_display()})\n"
        f"Arrival:   {stay.arrival:%A %d %B %Y}, from 12:00\n"
        f"Departure: {stay.departure:%A %d %B %Y}, before 11:00\n"
        f"Nights:    {stay.night_count}\n"
        f"Total:     EUR {stay.total}\n"
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_stay_confirmation(stay_id):
    stay = Stay.objects.select_related("berth").get(pk=stay_id)
    if stay.status == Stay.Status.CANCELLED:
        logger.info("stay %s was cancelled before its confirmation went out", stay_id)
        return "cancelled"
    if stay.confirmation_sent_at:
        return "already-sent"
    requests = f"\nYour requests:\n{stay.special_requests}\n" if stay.special_requests else ""
    send_mail(
        subject=f"Stay confirmed: {stay.boat_name}, {stay.arrival:%d %b} - {stay.departure:%d %b}",
        message=f"Hello {stay.owner_name},\n\nyour booking is confirmed.\n\n{_stay_summary(stay)}{requests}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[stay.owner_email],
    )
    Stay.objects.filter(pk=stay.pk).update(confirmation_sent_at=timezone.now())
    return "sent"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_stay_cancelled(stay_id):
    stay = Stay.objects.select_related("berth").get(pk=stay_id)
    send_mail(
        subject=f"Stay cancelled: {stay.boat_name}, {stay.arrival:%d %b} - {stay.departure:%d %b}",
        message=f"Hello {stay.owner_name},\n\nyour booking #{stay.pk} was cancelled: {stay.cancel_reason}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[stay.owner_email],
        fail_silently=False,
    )


@shared_task
def send_arrival_reminders():
    """The evening before arrival: send the approach notes and the harbour office hours."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    sent = 0
    for stay in Stay.objects.select_related("berth").filter(
        arrival=tomorrow, status=Stay.Status.CONFIRMED, reminder_sent_at__isnull=True
    ):
        send_mail(
            subject=f"See you tomorrow: {stay.boat_name}",
            message=(
                f"Hello {stay.owner_name},\n\n{stay.boat_name} arrives tomorrow.\n\n{_stay_summary(stay)}\n"
                "Call us on VHF channel 31 when you reach the harbour entrance; the harbour master will show you "
                "to your berth. Please have the insurance certificate and the ship's papers ready."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[stay.owner_email],
        )
        Stay.objects.filter(pk=stay.pk).update(reminder_sent_at=timezone.now())
        sent += 1
    return sent


@shared_task
def promote_waitlist():
    """Book waitlisted requests for which a berth has become free (cancellations)."""
    from owners.models import Boat

    from .services import BookingError, CapacityError, NoBerthAvailable, StayBooker, StayRequest

    booker = StayBooker()
    lead = timezone.localdate() + timedelta(days=settings.WAITLIST_MIN_LEAD_DAYS)
    promoted = 0
    for entry in WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING):
        if entry.arrival < lead:
            entry.status = WaitlistEntry.Status.EXPIRED
            entry.note = "stay starts too soon"
            entry.save(update_fields=["status", "note"])
            continue
        boat = Boat.objects.select_related("owner").filter(pk=entry.boat_id).first()
        if boat is None:
            entry.status = WaitlistEntry.Status.EXPIRED
            entry.note = "boat no longer registered"
            entry.save(update_fields=["status", "note"])
            continue
        try:
            stay = booker.book(StayRequest(
                boat=boat, arrival=entry.arrival, departure=entry.departure,
                special_requests=entry.special_requests, source=Stay.Source.WAITLIST,
            ))
        except (NoBerthAvailable, CapacityError):
            # maybe later: another cancellation can still free a berth
            continue
        except BookingError as exc:
            entry.status = WaitlistEntry.Status.EXPIRED
            entry.note = str(exc)[:255]
            entry.save(update_fields=["status", "note"])
            continue
        entry.status = WaitlistEntry.Status.PROMOTED
        entry.promoted_stay = stay
        entry.save(update_fields=["status", "promoted_stay"])
        promoted += 1
    logger.info("waitlist: %s entries promoted", promoted)
    return promoted
