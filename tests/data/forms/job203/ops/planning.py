from ops.models import Holiday


class Planner:
    """Knows which days are holidays."""

    def __init__(self):
        self.holidays = set(Holiday.objects.values_list("day", flat=True))

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays
