"""Keeps our Product table in line with the Ministry's register of products approved for tree fruit."""
import csv
import logging
import tempfile
import zipfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .models import Product
from .regulator import get_regulator_client

logger = logging.getLogger(__name__)


class RegisterFormatError(Exception):
    pass


class ProductRegisterSync:
    REGISTER_FILE = "products.csv"
    REQUIRED_COLUMNS = {"pcp_no", "product", "active_ingredient", "rei_hours", "phi_days", "status"}

    def __init__(self, client=None):
        self.client = client or get_regulator_client()

    def fetch_rows(self):
        payload = self.client.download_product_register()
        with tempfile.TemporaryDirectory(prefix="product-register-") as tmp:
            archive = Path(tmp) / "register.zip"
            archive.write_bytes(payload)
            try:
                with zipfile.ZipFile(archive) as zf:
                    zf.extract(self.REGISTER_FILE, path=tmp)
            except (zipfile.BadZipFile, KeyError) as exc:
                raise RegisterFormatError(f"register download is not usable: {exc}") from exc
            with open(Path(tmp) / self.REGISTER_FILE, newline="", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                missing = self.REQUIRED_COLUMNS - set(reader.fieldnames or ())
                if missing:
                    raise RegisterFormatError(f"register is missing columns: {', '.join(sorted(missing))}")
                return list(reader)

    def refresh(self):
        rows = {row["pcp_no"].strip(): row for row in self.fetch_rows()}
        now = timezone.now()
        updated = deregistered = 0
        with transaction.atomic():
            for product in Product.objects.select_for_update():
                row = rows.get(product.registration_no)
                registered = row is not None and row["status"].strip().lower() == "registered"
                if row is not None:
                    product.rei_hours = int(row["rei_hours"] or 0)
                    product.phi_days = int(row["phi_days"] or 0)
                if product.registered and not registered:
                    deregistered += 1
                    logger.warning("product %s is no longer registered for tree fruit", product)
                product.registered = registered
                product.register_checked_at = now
                product.save(update_fields=["rei_hours", "phi_days", "registered", "register_checked_at"])
                updated += 1
        return {"checked": updated, "deregistered": deregistered}
