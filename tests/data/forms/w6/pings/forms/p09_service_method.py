from celery import shared_task

from pings.models import Check


class StatusReport:
    def build(self):
        down = 0
        for check in Check.objects.all():
            down += check.status == "down"
        return down


@shared_task
def status_report():
    return StatusReport().build()
