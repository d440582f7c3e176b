import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import Pet, Stay
from .notifications import NotificationError, notify_owner

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(NotificationError,), retry_backoff=30, max_retries=5)
def send_booking_confirmation(stay_id):
    stay = Stay.objects.select_related("pet", "pet__owner").get(pk=stay_id)
    if stay.status != Stay.Status.BOOKED:
        return "skipped"
    pet = stay.pet
    body = (
        f"Hi {pet.owner.name},\n\n"
        f"{pet.name} is booked in from {stay.start_date:%A %d %B} to {stay.end_date:%A %d %B} "
        f"({stay.nights} nights at £{stay.nightly_rate}).\n"
        "Please bring vaccination records, food for special diets and any medication in its original box.\n"
    )
    notify_owner(pet.owner, f"booking for {pet.name} confirmed", body,
                 sms_text=f"{pet.name} booked {stay.start_date:%d/%m}-{stay.end_date:%d/%m}.")
    return "sent"


@shared_task(autoretry_for=(NotificationError,), retry_backoff=30, max_retries=5)
def send_check_in_notice(stay_id, checked_in_at):
    """Tell the owner their pet has arrived; ``checked_in_at`` is the desk's check-in time."""
    stay = Stay.objects.select_related("pet", "pet__owner", "run").get(pk=stay_id)
    local = timezone.localtime(checked_in_at)
    body = (
        f"{stay.pet.name} checked in at {local:%H:%M} and is settling into run {stay.run}.\n"
        f"Pick-up day: {stay.end_date:%A %d %B}.\n"
    )
    notify_owner(stay.pet.owner, f"{stay.pet.name} has arrived", body,
                 sms_text=f"{stay.pet.name} checked in {local:%H:%M}, run {stay.run}.")
    return "sent"


@shared_task(autoretry_for=(NotificationError,), retry_backoff=30, max_retries=5)
def email_stay_invoice(stay_id, amount_due):
    """Send the final bill after check-out. ``amount_due`` (Decimal) is what is left after the deposit."""
    stay = Stay.objects.select_related("pet", "pet__owner").prefetch_related("extras").get(pk=stay_id)
    lines = [f"{stay.nights} nights x £{stay.nightly_rate}"]
    lines += [f"{extra.get_kind_display()} x{extra.quantity}: £{extra.total}" for extra in stay.extras.all()]
    lines.append(f"Deposit paid: £{stay.deposit_paid}")
    if amount_due > 0:
        lines.append(f"Amount due: £{amount_due:.2f} (card on file will be charged)")
    else:
        lines.append("Nothing left to pay, thank you!")
    notify_owner(stay.pet.owner, f"invoice for {stay.pet.name}'s stay", "\n".join(lines))
    return str(amount_due)


@shared_task(autoretry_for=(NotificationError,), retry_backoff=60, max_retries=3)
def send_vaccination_reminder(pet_id, missing):
    """``missing``: list of vaccination kinds the pet needs before its next stay."""
    pet = Pet.objects.select_related("owner").get(pk=pet_id)
    body = (
        f"Before {pet.name}'s next stay we need proof of these vaccinations: {', '.join(missing)}.\n"
        "Reply to this e-mail with a photo of the vaccination card.\n"
    )
    notify_owner(pet.owner, f"vaccinations for {pet.name}", body)
    return len(missing)


@shared_task
def release_no_shows(grace_days=1):
    """Booked stays that started more than ``grace_days`` ago and never checked in free their dates."""
    cutoff = timezone.localdate() - timedelta(days=grace_days)
    released = []
    with transaction.atomic():
        for stay in Stay.objects.select_for_update().filter(status=Stay.Status.BOOKED, start_date__lt=cutoff):
            stay.status = Stay.Status.NO_SHOW
            stay.save(update_fields=["status"])
            released.append(stay.pk)
    if released:
        logger.info("released %d no-show stays: %s", len(released), released)
    return released
