from .models import Booking

LIVE_STATUSES = (Booking.Status.HELD, Booking.Status.CONFIRMED)


def seats_taken(performance):
    taken = set()
    for seats in Booking.objects.filter(performance=performance, status__in=LIVE_STATUSES).values_list("seats", flat=True):
        taken.update(s.strip() for s in seats.split(",") if s.strip())
    return taken


def seats_free(performance):
    return performance.venue.capacity - len(seats_taken(performance))
