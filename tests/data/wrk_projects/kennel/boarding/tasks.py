import logging

from celery import shared_task

from . import records
from .audit import audited
from .models import Booking
from .vets import VetApiDown, vet_api

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
@audited
def confirm_booking(self, booking_id):
    """Confirm a requested booking once the pet's vaccinations are known; retry while the vet API is down."""
    booking = Booking.objects.get(pk=booking_id)
    try:
        vaccinated = vet_api().is_vaccinated(booking.chip_number)
    except VetApiDown as exc:
        raise self.retry(exc=exc)
    booking.vaccinated = vaccinated
    booking.status = Booking.Status.CONFIRMED if vaccinated else Booking.Status.REJECTED
    booking.save(update_fields=["vaccinated", "status"])
    return booking.status


@shared_task
def import_vaccinations():
    """Hourly: mark the requested bookings whose pet is in the registry as vaccinated."""
    conn = records.connect_registry()
    chips = records.vaccinated_chips(conn)
    conn.close()
    updated = Booking.objects.filter(status=Booking.Status.REQUESTED, chip_number__in=chips).update(vaccinated=True)
    logger.info("%d bookings marked vaccinated", updated)
    return updated
