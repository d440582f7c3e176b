import sys

from django.core.management.base import BaseCommand

from stock.models import Donation


class Command(BaseCommand):
    help = "Delete every donation of the season (asks first unless --yes)"

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        count = Donation.objects.count()
        if not count:
            self.stderr.write("no donations to reset")
            sys.exit(1)
        try:
            if not options["yes"]:
                answer = input(f"Delete {count} donation(s)? y/n: ")
                if answer.strip().lower() != "y":
                    self.stdout.write("cancelled")
                    sys.exit(1)
            Donation.objects.all().delete()
        except KeyboardInterrupt:
            self.stderr.write("\ncancelled")
            sys.exit(1)
        self.stdout.write(f"deleted {count} donation(s)")
