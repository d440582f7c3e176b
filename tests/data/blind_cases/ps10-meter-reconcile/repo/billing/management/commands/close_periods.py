from django.core.management.base import BaseCommand

from billing.tasks import close_due_periods


class Command(BaseCommand):
    help = "Close open billing periods whose last day is over (the nightly beat job, by hand)."

    def handle(self, *args, **options):
        closed = close_due_periods()
        self.stdout.write(f"closed {closed} billing periods")
