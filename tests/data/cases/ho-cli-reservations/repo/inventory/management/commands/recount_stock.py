"""Recompute StockLevel.reserved from the open reservations."""
from django.core.management.base import BaseCommand
from django.db.models import Sum

from inventory.models import Reservation, StockLevel


class Command(BaseCommand):
    help = "Fix StockLevel.reserved drift by recounting open reservations."

    def add_arguments(self, parser):
        parser.add_argument("warehouse", nargs="*", help="warehouse codes (default: all)")
        parser.add_argument("--dry-run", action="store_true", help="report the drift, fix nothing")

    def handle(self, *warehouses, **options):
        dry_run = options["dry_run"]
        levels = StockLevel.objects.select_related("warehouse", "product")
        codes = [c.upper() for c in options["warehouse"]]
        if codes:
            levels = levels.filter(warehouse__code__in=codes)
        fixed = 0
        for level in levels:
            open_qty = Reservation.objects.filter(
                warehouse=level.warehouse, product=level.product, released_at__isnull=True,
            ).aggregate(total=Sum("quantity"))["total"] or 0
            if open_qty != level.reserved:
                self.stdout.write(f"{level.warehouse.code} {level.product.sku}: {level.reserved} -> {open_qty}")
                fixed += 1
                if not dry_run:
                    level.reserved = open_qty
                    level.save(update_fields=["reserved"])
        self.stdout.write(f"{'would fix' if dry_run else 'fixed'} {fixed} stock level(s)")
