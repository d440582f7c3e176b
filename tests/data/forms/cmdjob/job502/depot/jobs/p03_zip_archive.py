import zipfile

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings

from depot.models import Invoice

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def zip_archive():
    archive = zipfile.ZipFile(settings.EXPORT_DIR / "invoices.zip", "w")
    for invoice in Invoice.objects.all():
        archive.writestr(f"{invoice.pk}.txt", str(invoice.total))
    archive.close()


scheduler.add_job(zip_archive, "cron", hour=3, minute=30)
