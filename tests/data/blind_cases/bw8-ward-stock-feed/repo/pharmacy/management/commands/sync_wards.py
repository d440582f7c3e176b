from django.core.management.base import BaseCommand, CommandError

from pharmacy.models import Ward
from pharmacy.tasks import sync_ward_stock


class Command(BaseCommand):
    help = "Queue a stock sync for one ward or for every active ward."

    def add_arguments(self, parser):
        parser.add_argument("--ward", help="ward code, e.g. ICU (default: all active wards)")
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, **options):
        wards = Ward.objects.filter(active=True)
        if options["ward"]:
            wards = Ward.objects.filter(code=options["ward"].upper())
            if not wards.exists():
                raise CommandError(f"unknown ward {options['ward']!r}")
        for ward in wards:
            if options["now"]:
                count = sync_ward_stock.apply(args=[ward.code]).get()
                self.stdout.write(f"{ward.code}: {count} line(s)")
            else:
                sync_ward_stock.delay(ward.code)
                self.stdout.write(f"{ward.code}: queued")
