from celery import shared_task


@shared_task
def deliver_reminder(reminder_id):
    return reminder_id
