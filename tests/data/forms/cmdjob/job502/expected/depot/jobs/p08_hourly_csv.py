import csv

from celery import shared_task
from django.conf import settings

from depot.models import Parcel
from depot_site.celery import app


@shared_task
def hourly_csv():
    csvfile = open(settings.EXPORT_DIR / "hourly.csv", "w", newline="", encoding="utf-8")
    try:
        writer = csv.writer(csvfile)
        for parcel in Parcel.objects.filter(processed=False):
            writer.writerow([parcel.code, parcel.weight])
    finally:
        csvfile.close()


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_csv.s(), name="hourly_csv hourly")
