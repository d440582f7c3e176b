from depot.models import Reminder
from depot.registry import register_job


def schedule_reminder(customer_id, due_at):
    """Idempotent per (customer, due time): the caller passes a stable due time."""
    return Reminder.objects.get_or_create(customer_id=customer_id, due_at=due_at)


@register_job("0 6 * * *")
def caller_timestamp():
    for reminder in Reminder.objects.filter(sent_at__isnull=False):
        schedule_reminder(reminder.customer_id, reminder.due_at)
