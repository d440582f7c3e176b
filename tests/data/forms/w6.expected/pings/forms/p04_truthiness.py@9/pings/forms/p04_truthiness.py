from celery import shared_task

from pings.models import Check


@shared_task
def any_checks():
    checks = Check.objects.all()
    if checks.exists():
        return "yes"
    return "no"
