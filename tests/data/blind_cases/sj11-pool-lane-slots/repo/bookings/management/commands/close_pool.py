from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bookings.services import close_pool
from facilities.models import Pool


class Command(BaseCommand):
    help = "Close a pool for one or more days: cancels the generated slots and emails members who booked."

    def add_arguments(self, parser):
        parser.add_argument("pool", metavar="CODE")
        parser.add_argument("--from", dest="starts_on", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="ends_on", type=date.fromisoformat,
                            help="last closed day, inclusive (default: same as --from)")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, pool, starts_on, ends_on=None, reason, **options):
        ends_on = ends_on or starts_on
        if ends_on < starts_on:
            raise CommandError("--to is before --from")
        try:
            pool_obj = Pool.objects.get(code=pool)
        except Pool.DoesNotExist:
            raise CommandError(f"no pool with code {pool!r}")
        closure, notified = close_pool(pool_obj, starts_on, ends_on, reason)
        self.stdout.write(f"{closure} ({notified} members notified)")
