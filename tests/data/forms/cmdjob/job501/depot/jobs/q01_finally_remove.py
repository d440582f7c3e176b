import os
import tempfile

from celery import shared_task

from depot.models import Parcel
from depot.storage import upload


@shared_task
def finally_remove():
    fd, path = tempfile.mkstemp(suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(str(Parcel.objects.count()))
        upload(path)
    finally:
        os.remove(path)
