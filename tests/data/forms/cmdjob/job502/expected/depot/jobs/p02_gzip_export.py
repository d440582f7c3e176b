import gzip

from django.conf import settings

from depot.models import Customer


def gzip_export():
    fh = gzip.open(settings.EXPORT_DIR / "customers.txt.gz", "wt", encoding="utf-8")
    try:
        for customer in Customer.objects.all():
            fh.write(customer.email + "\n")
    finally:
        fh.close()
