"""Emails to members. Times are always shown in the pool's local time."""
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone


def describe_slot(slot):
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return (f"{slot.entry.get_activity_display()} on {start:%A %d %B} from {start:%H:%M} to {end:%H:%M}, "
            f"lane {slot.lane.number} ({slot.lane.get_speed_display().lower()})")


def _send(booking, subject, body):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.email], fail_silently=False)


def send_confirmation(booking):
    _send(booking, "Your lane booking at De Kolk",
          f"Hi {booking.name},\n\nYou are booked for {describe_slot(booking.slot)}.\n"
          f"Please bring your subscription card ({booking.card_number}); check-in opens "
          f"{settings.CHECK_IN_OPENS_MINUTES} minutes before the start.\n\nZwembad De Kolk")


def send_reminder(booking):
    _send(booking, "Reminder: your swim tomorrow",
          f"Hi {booking.name},\n\nSee you tomorrow: {describe_slot(booking.slot)}.\n"
          f"Can't make it? Please cancel so someone else can have your place.\n\nZwembad De Kolk")


def send_cancellation(booking, reason):
    _send(booking, "Your lane booking has been cancelled",
          f"Hi {booking.name},\n\nUnfortunately we had to cancel {describe_slot(booking.slot)}: {reason}.\n"
          f"Sorry for the inconvenience.\n\nZwembad De Kolk")
