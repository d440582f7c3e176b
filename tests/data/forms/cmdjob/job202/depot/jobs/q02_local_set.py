from depot.models import Reminder


def local_set():
    seen = set()
    for reminder in Reminder.objects.filter(sent_at__isnull=True):
        if reminder.customer_id in seen:
            continue
        seen.add(reminder.customer_id)
