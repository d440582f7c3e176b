"""Which customers take a delivery on a given day.

Planning asks this for every order line of the day (a few hundred of them), so
the closures are read in one query up front rather than once per line.
"""
from collections import defaultdict
from datetime import timedelta

from .models import Closure

# Mon-Sat. Nobody bakes on Saturday night, so there is no Sunday round.
DELIVERY_WEEKDAYS = frozenset(range(6))


class DeliveryCalendar:
    """Delivery days and customer closures around ``start``.

    Build one for a planning run; it only knows about closures that have not
    ended before ``start``.
    """

    # customer id -> [(first_day, last_day), ...]
    _closures = defaultdict(list)

    def __init__(self, start, bakery_holidays=()):
        self.start = start
        self.bakery_holidays = frozenset(bakery_holidays)
        self._loaded = False

    def _load(self):
        if self._loaded:
            return
        rows = Closure.objects.filter(last_day__gte=self.start).values_list(
            "customer_id", "first_day", "last_day")
        for customer_id, first_day, last_day in rows:
            self._closures[customer_id].append((first_day, last_day))
        self._loaded = True

    def is_delivery_day(self, day):
        return day.weekday() in DELIVERY_WEEKDAYS and day not in self.bakery_holidays

    def is_closed(self, customer_id, day):
        self._load()
        return any(first <= day <= last for first, last in self._closures.get(customer_id, ()))

    def delivers_to(self, customer, day):
        if customer.is_paused or not self.is_delivery_day(day):
            return False
        return not self.is_closed(customer.pk, day)

    def next_delivery_day(self, customer, after, horizon=21):
        """First day after ``after`` we can deliver to ``customer``, or None within ``horizon`` days."""
        day = after
        for _ in range(horizon):
            day += timedelta(days=1)
            if self.delivers_to(customer, day):
                return day
        return None
