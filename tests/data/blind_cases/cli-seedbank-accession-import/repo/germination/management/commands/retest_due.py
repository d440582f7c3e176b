from django.core.management.base import BaseCommand

from germination.scheduling import lots_due_for_retest


class Command(BaseCommand):
    help = "List base-collection lots due a viability retest."

    def handle(self, *args, **options):
        lots = lots_due_for_retest()
        for lot in lots:
            last = lot.last_test.isoformat() if lot.last_test else "never"
            self.stdout.write(f"{lot.accession.number}  {lot.seed_count:>6} seeds  last tested {last}")
        self.stdout.write(f"{len(lots)} lot(s) due")
