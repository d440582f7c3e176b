"""Visit schedule of a randomized participant, anchored on the first-dose day."""
from datetime import timedelta

from django.utils import timezone

from .models import Visit, VisitTemplate, visit_window

# The first dose must be given within this many days after randomization.
MAX_DAYS_TO_FIRST_DOSE = 7


class ScheduleError(Exception):
    pass


def schedule_visits(participant, first_dose_date, *, today=None):
    today = today or timezone.localdate()
    if first_dose_date < today:
        raise ScheduleError(f"first dose date {first_dose_date} is in the past")
    if first_dose_date > today + timedelta(days=MAX_DAYS_TO_FIRST_DOSE):
        raise ScheduleError(
            f"first dose date must be within {MAX_DAYS_TO_FIRST_DOSE} days of randomization (got {first_dose_date})"
        )
    templates = list(VisitTemplate.objects.filter(study=participant.site.study))
    if not templates:
        raise ScheduleError(f"study {participant.site.study.code} has no visit schedule configured")
    visits = []
    for template in templates:
        target, start, end = visit_window(template, first_dose_date)
        visits.append(Visit(participant=participant, template=template, target_date=target,
                            window_start=start, window_end=end))
    return Visit.objects.bulk_create(visits)


def reschedule_from(visit, new_date):
    """Move one planned visit (inside its window) and keep later visits where they are."""
    if visit.status != Visit.Status.PLANNED:
        raise ScheduleError(f"visit {visit.pk} is {visit.status}")
    if not visit.window_start <= new_date <= visit.window_end:
        raise ScheduleError(f"{new_date} is outside the visit window {visit.window_start}..{visit.window_end}")
    visit.target_date = new_date
    visit.save(update_fields=["target_date"])
    return visit
