from celery import shared_task
from django.conf import settings

from depot.models import Parcel


@shared_task
def write_report():
    out = open(settings.EXPORT_DIR / "parcels.txt", "w", encoding="utf-8")
    try:
        for parcel in Parcel.objects.all():
            out.write(f"{parcel.code}\n")
    finally:
        out.close()
