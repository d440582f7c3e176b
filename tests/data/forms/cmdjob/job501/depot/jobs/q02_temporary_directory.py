import tempfile
from pathlib import Path

from depot.models import Invoice
from depot.storage import upload


def temporary_directory():
    with tempfile.TemporaryDirectory() as workdir:
        target = Path(workdir) / "invoices.txt"
        target.write_text(str(Invoice.objects.count()), encoding="utf-8")
        upload(str(target))
