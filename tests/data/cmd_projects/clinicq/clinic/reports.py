from datetime import datetime

from clinic.models import Visit


def visits_between(first, last):
    """Visits checked in from ``first`` to ``last`` (``YYYY-MM-DD``, both days included)."""
    start = datetime.strptime(first, "%Y-%m-%d").date()
    end = datetime.strptime(last, "%Y-%m-%d").date()
    return Visit.objects.filter(checked_in_at__range=(start, end)).select_related("appointment__patient")


def no_shows_between(first, last):
    start = datetime.strptime(first, "%Y-%m-%d").date()
    end = datetime.strptime(last, "%Y-%m-%d").date()
    return Visit.objects.filter(appointment__slot__date__range=(start, end), appointment__cancelled=False)
