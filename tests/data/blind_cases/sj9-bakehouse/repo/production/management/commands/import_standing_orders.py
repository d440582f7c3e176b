"""Load standing orders from the sales team's spreadsheet (exported as CSV).

Columns: customer, sku, weekday (mon..sat), quantity[, starts_on]. A quantity
of 0 ends the standing order from starts_on (or today).
"""
import csv
from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Customer
from production.models import Product, StandingOrder

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5}


class Command(BaseCommand):
    help = "Create, change or end standing orders from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, dry_run=False, **options):
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            raise CommandError(f"{path} has no rows")

        customers = {c.code: c for c in Customer.objects.all()}
        products = {p.sku: p for p in Product.objects.all()}
        created = changed = ended = 0
        with transaction.atomic():
            for lineno, row in enumerate(rows, start=2):
                customer = customers.get((row.get("customer") or "").strip().upper())
                product = products.get((row.get("sku") or "").strip().upper())
                weekday = WEEKDAYS.get((row.get("weekday") or "").strip().lower()[:3])
                if customer is None or product is None or weekday is None:
                    raise CommandError(f"line {lineno}: unknown customer, sku or weekday: {row}")
                try:
                    quantity = int(row["quantity"])
                    starts_on = (date.fromisoformat(row["starts_on"]) if row.get("starts_on")
                                 else timezone.localdate())
                except (TypeError, ValueError):
                    raise CommandError(f"line {lineno}: bad quantity or starts_on: {row}") from None

                current = StandingOrder.objects.filter(customer=customer, product=product, weekday=weekday).first()
                if quantity == 0:
                    if current is not None:
                        current.ends_on = starts_on - timedelta(days=1)
                        current.save(update_fields=["ends_on"])
                        ended += 1
                elif current is None:
                    StandingOrder.objects.create(customer=customer, product=product, weekday=weekday,
                                                 quantity=quantity, starts_on=starts_on)
                    created += 1
                else:
                    current.quantity, current.starts_on, current.ends_on = quantity, starts_on, None
                    current.save(update_fields=["quantity", "starts_on", "ends_on"])
                    changed += 1
            if dry_run:
                transaction.set_rollback(True)

        prefix = "dry run: " if dry_run else ""
        self.stdout.write(f"{prefix}{created} created, {changed} changed, {ended} ended")
