import csv
import os
import tempfile

from celery import shared_task

from depot.models import Parcel
from depot.storage import upload


@shared_task
def export_mkstemp():
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            for parcel in Parcel.objects.all():
                writer.writerow([parcel.code, parcel.weight])
        upload(path)
    finally:
        os.remove(path)
