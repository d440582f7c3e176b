from depot.dedupe import first_time
from depot.models import Reminder


def via_helper():
    return [r.pk for r in Reminder.objects.all() if first_time(r.pk)]
