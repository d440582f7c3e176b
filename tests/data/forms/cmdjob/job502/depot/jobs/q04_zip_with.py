import zipfile

from django.conf import settings

from depot.models import Invoice
from depot.registry import register_job


@register_job("0 4 * * *")
def zip_with():
    with zipfile.ZipFile(settings.EXPORT_DIR / "invoices.zip", "w") as archive:
        for invoice in Invoice.objects.all():
            archive.writestr(f"{invoice.pk}.txt", str(invoice.total))
