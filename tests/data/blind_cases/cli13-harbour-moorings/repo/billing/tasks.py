from celery import shared_task

from . import reminders


@shared_task(ignore_result=True)
def payment_reminders():
    return len(reminders.send_payment_reminders(days_overdue=7))
