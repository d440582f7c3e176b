from celery import shared_task

from . import jobs


@shared_task
def pre_show_reminders():
    return jobs.send_pre_show_reminders()


@shared_task
def release_unpaid_holds():
    return jobs.release_unpaid_holds()


@shared_task
def waitlist_offers():
    return jobs.send_waitlist_offers()
