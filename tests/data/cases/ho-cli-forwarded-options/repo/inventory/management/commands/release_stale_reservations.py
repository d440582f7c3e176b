"""Release reservations that have been open too long (ops runs this after carrier outages)."""
from django.core.management.base import BaseCommand, CommandError

from catalog.models import Warehouse
from inventory.reservations import release, stale_reservations


class Command(BaseCommand):
    help = "Release stale stock reservations so the stock can be sold again."

    def add_arguments(self, parser):
        parser.add_argument("--warehouse", help="only this warehouse code")
        parser.add_argument("--older-than-hours", type=int, default=48,
                            help="release reservations older than this (default 48)")
        parser.add_argument("--reason", default="stale", help="recorded on each released reservation")
        parser.add_argument("--dry-run", action="store_true", help="list what would be released, change nothing")

    def handle(self, *args, **options):
        code = options.get("warehouse")
        if code and not Warehouse.objects.filter(code=code.upper()).exists():
            raise CommandError(f"unknown warehouse {code!r}")
        self.release_all(code, **options)

    def release_all(self, code, older_than_hours=48, reason="stale", dryrun=False, **options):
        if older_than_hours < 1:
            raise CommandError("--older-than-hours must be at least 1")
        count = units = 0
        for reservation in stale_reservations(older_than_hours, warehouse_code=code):
            count += 1
            units += reservation.quantity
            self.stdout.write(f"  {reservation.order_ref} {reservation.warehouse.code} "
                              f"{reservation.product.sku} x{reservation.quantity}")
            if not dryrun:
                release(reservation, reason=reason)
        verb = "would release" if dryrun else "released"
        self.stdout.write(f"{verb} {count} reservation(s), {units} unit(s)")
