"""Turns a stay's care flags into care-board slots."""
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from .models import CareTask


def _parse(hhmm):
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


def _slots(start_date, end_date, times, not_before):
    tz = timezone.get_current_timezone()
    day = start_date
    while day <= end_date:
        for t in times:
            due = datetime.combine(day, t, tzinfo=tz)
            if due >= not_before:
                yield due
        day += timedelta(days=1)


def plan_for_flag(stay, flag, not_before):
    """(kind, due_at, instructions) for every care-board slot ``flag`` needs during ``stay``."""
    pet = stay.pet
    rounds = [_parse(t) for t in settings.LODGE_MEDICATION_ROUNDS]
    feeding = [_parse(t) for t in settings.LODGE_FEEDING_TIMES]
    if flag == "medication":
        for due in _slots(stay.start_date, stay.end_date, rounds, not_before):
            yield CareTask.Kind.MEDICATION, due, pet.medication_notes
    elif flag == "special_diet":
        for due in _slots(stay.start_date, stay.end_date, feeding, not_before):
            yield CareTask.Kind.FEEDING, due, pet.diet_notes
    elif flag == "senior":
        for due in _slots(stay.start_date, stay.end_date, [time(11, 0), time(22, 0)], not_before):
            yield CareTask.Kind.WELLBEING_CHECK, due, "check mobility, water intake, bedding"
    elif flag in ("anxious", "reactive"):
        for due in _slots(stay.start_date, stay.end_date, [time(10, 0), time(16, 0)], not_before):
            note = "solo walk, no group play" if flag == "reactive" else "quiet time with a familiar handler"
            yield CareTask.Kind.QUIET_TIME, due, note
