from django.core.management.base import BaseCommand

from ops import ledger
from ops.models import JobState


class Command(BaseCommand):
    help = "Close every open accounting period (cron, 02:30)."

    def handle(self, *args, **options):
        state, _ = JobState.objects.get_or_create(name="close_books")
        taken = JobState.objects.filter(pk=state.pk, locked=False).update(locked=True)
        if not taken:
            self.stdout.write("close_books is already running")
            return
        for period in ledger.open_periods():
            ledger.close(period)
            self.stdout.write(f"closed {period}")
        JobState.objects.filter(pk=state.pk).update(locked=False)
