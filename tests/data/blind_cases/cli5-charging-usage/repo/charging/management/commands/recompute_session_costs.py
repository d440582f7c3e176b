from django.core.management.base import BaseCommand, CommandError

from charging.services import recompute_costs

from ._options import iso_date


class Command(BaseCommand):
    help = "Re-price completed sessions that ended in a range of days (both included), e.g. after a tariff fix."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=iso_date, required=True)
        parser.add_argument("--to", dest="end", type=iso_date, required=True)

    def handle(self, *args, start, end, **options):
        if end < start:
            raise CommandError("--to is before --from")
        changed = recompute_costs(start, end)
        for session in changed:
            self.stdout.write(f"  {session.transaction_id}: {session.energy_amount} + {session.idle_fee}")
        self.stdout.write(f"re-priced {len(changed)} session(s)")
