import logging

from django.db import transaction

from notify.tasks import send_booking_confirmation, send_waitlist_promotion

from .models import Booking, FitnessClass

logger = logging.getLogger(__name__)


class BookingError(Exception):
    pass


def book_class(member, class_id):
    """Book a member into a class, or onto its waitlist when it is full."""
    with transaction.atomic():
        fitness_class = FitnessClass.objects.select_for_update().get(pk=class_id)
        if Booking.objects.filter(member=member, fitness_class=fitness_class).exists():
            raise BookingError("already booked")
        taken = fitness_class.bookings.filter(status=Booking.Status.CONFIRMED).count()
        status = Booking.Status.CONFIRMED if taken < fitness_class.capacity else Booking.Status.WAITLIST
        booking = Booking.objects.create(member=member, fitness_class=fitness_class, status=status)
        transaction.on_commit(lambda: send_booking_confirmation.delay(booking))
    logger.info("member %s booked class %s (%s)", member.pk, class_id, status)
    return booking


def cancel_booking(booking_id):
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if booking.status == Booking.Status.CANCELLED:
            return booking
        was_confirmed = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status"])
        if was_confirmed:
            nxt = (Booking.objects.filter(fitness_class=booking.fitness_class, status=Booking.Status.WAITLIST)
                   .order_by("created_at").first())
            if nxt is not None:
                nxt.status = Booking.Status.CONFIRMED
                nxt.save(update_fields=["status"])
                promoted_id = nxt.pk
                transaction.on_commit(lambda: send_waitlist_promotion.delay(promoted_id))
    return booking
