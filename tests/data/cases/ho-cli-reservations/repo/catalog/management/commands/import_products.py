"""Import or update products from the supplier CSV (sku,name,discontinued)."""
import csv

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Product


class Command(BaseCommand):
    help = "Import products from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--update-existing", action="store_true", help="also update products already known")

    def handle(self, csv_path, update_existing=False, **options):
        try:
            with open(csv_path, newline="") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        created = updated = 0
        for row in rows:
            fields = {"name": row["name"], "discontinued": row.get("discontinued", "").lower() in ("1", "yes", "true")}
            product = Product.objects.filter(sku=row["sku"]).first()
            if product is None:
                Product.objects.create(sku=row["sku"], **fields)
                created += 1
            elif update_existing:
                Product.objects.filter(pk=product.pk).update(**fields)
                updated += 1
        self.stdout.write(f"created {created}, updated {updated}")
