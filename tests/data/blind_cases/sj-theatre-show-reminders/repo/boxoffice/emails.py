"""The emails the box office sends to patrons."""
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone


def _send(to, subject, body):
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()


def send_pre_show_reminder(booking):
    perf = booking.performance
    starts = timezone.localtime(perf.starts_at)
    doors = starts - timedelta(minutes=perf.venue.doors_open_minutes)
    seats = ", ".join(booking.seat_list)
    lines = [
        f"Dear {booking.patron.name},",
        "",
        f"We look forward to seeing you tomorrow at {perf.production.title}.",
        "",
        f"  {starts:%A %d %B}, curtain up {starts:%H:%M} (doors {doors:%H:%M})",
        f"  {perf.venue.name}, seat(s) {seats}",
        f"  Booking reference {booking.reference}",
    ]
    if perf.production.running_time_minutes:
        lines.append(f"  Running time about {perf.production.running_time_minutes} minutes including interval")
    if perf.notes:
        lines.append(f"  {perf.notes}")
    lines += ["", f"Can't make it? Call the box office on {settings.BOX_OFFICE_PHONE}."]
    return _send(booking.patron.email, f"See you tomorrow: {perf.production.title}", "\n".join(lines))


def send_waitlist_offer(entry, seats_available):
    perf = entry.performance
    starts = timezone.localtime(perf.starts_at)
    body = (
        f"Dear {entry.patron.name},\n\n{seats_available} seat(s) have become available for {perf.production.title} "
        f"on {starts:%A %d %B at %H:%M}. Reply or call {settings.BOX_OFFICE_PHONE} within "
        f"{settings.WAITLIST_OFFER_HOURS} hours to book them."
    )
    return _send(entry.patron.email, f"Seats available: {perf.production.title}", body)


def send_hold_released(booking):
    body = (
        f"Dear {booking.patron.name},\n\nyour unpaid reservation {booking.reference} for "
        f"{booking.performance.production.title} has been released. Call {settings.BOX_OFFICE_PHONE} to rebook."
    )
    return _send(booking.patron.email, "Your reservation has been released", body)
