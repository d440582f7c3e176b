"""A model method (Report.write_csv, reports/models.py) that the task calls on a fetched instance."""
from celery import shared_task

from .models import Report


@shared_task
def export_report(report_id, rows):
    report = Report.objects.get(pk=report_id)
    report.write_csv(rows)
