from django.core.management.base import BaseCommand

from ops.models import JobState, Order


class Command(BaseCommand):
    help = "Reopen the periods closed by mistake (cron, on demand)."

    def add_arguments(self, parser):
        parser.add_argument("periods", nargs="*")

    def handle(self, *args, **options):
        state, _ = JobState.objects.get_or_create(name="close_books")
        if state.locked:
            return
        state.locked = True
        state.save(update_fields=["locked"])
        try:
            Order.objects.filter(period__in=options["periods"]).update(closed=False)
        finally:
            state.locked = False
            state.save(update_fields=["locked"])
