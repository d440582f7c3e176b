import os
import tempfile

from depot.models import Customer
from depot.storage import upload


def export_customers():
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(f"{c.email}\n" for c in Customer.objects.all())
    upload(path)
    os.remove(path)
