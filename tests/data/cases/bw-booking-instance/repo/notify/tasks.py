import logging
from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from studios.models import Booking, FitnessClass

logger = logging.getLogger(__name__)


def _when(fitness_class):
    return timezone.localtime(fitness_class.starts_at).strftime("%a %d %b, %H:%M")


@shared_task(acks_late=True)
def send_booking_confirmation(booking):
    """E-mail the member that their booking (or waitlist place) is recorded."""
    fc = booking.fitness_class
    if booking.status == Booking.Status.WAITLIST:
        subject = f"You are on the waitlist for {fc.title}"
    else:
        subject = f"Booked: {fc.title}, {_when(fc)}"
    send_mail(subject, f"Hi {booking.member.name}, see you at {fc.studio.name}.", None, [booking.member.email])
    return booking.pk


@shared_task(acks_late=True)
def send_waitlist_promotion(booking_id):
    booking = Booking.objects.select_related("member", "fitness_class").get(pk=booking_id)
    if booking.status != Booking.Status.CONFIRMED:
        return None
    fc = booking.fitness_class
    send_mail(f"A place opened up: {fc.title}", f"Hi {booking.member.name}, you are in!", None,
              [booking.member.email])
    return booking.pk


@shared_task
def send_class_reminders():
    """Hourly: remind members of classes starting in the next 24 hours."""
    now = timezone.now()
    due = FitnessClass.objects.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=24), reminded=False)
    sent = 0
    for fc in due:
        emails = list(fc.bookings.filter(status=Booking.Status.CONFIRMED).values_list("member__email", flat=True))
        if emails:
            send_mail(f"Tomorrow: {fc.title}", f"Your class starts {_when(fc)}.", None, emails)
            sent += len(emails)
        FitnessClass.objects.filter(pk=fc.pk).update(reminded=True)
    return sent
