from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from lifts.reports import count_rides, month_bounds, rejected_by_lift, scans_in_period


class Command(BaseCommand):
    help = "Rides per lift and pass product for one month (for the operators' revenue sharing)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")

    def handle(self, *args, month, **options):
        try:
            year, mon = (int(p) for p in month.split("-"))
            start, end = month_bounds(year, mon)
        except ValueError:
            raise CommandError(f"--month {month!r} is not YYYY-MM")

        rides = count_rides(scans_in_period(start, end))
        per_lift = defaultdict(dict)
        for (lift, product), n in rides.items():
            per_lift[lift][product] = n
        rejected = rejected_by_lift(start, end)

        self.stdout.write(f"Lift usage {start} .. {end}")
        for lift in sorted(per_lift):
            total = sum(per_lift[lift].values())
            detail = ", ".join(f"{p}={n}" for p, n in sorted(per_lift[lift].items()))
            self.stdout.write(f"{lift:<8} {total:>7} rides  ({detail})  rejected {rejected.get(lift, 0)}")
        self.stdout.write(f"TOTAL    {sum(rides.values()):>7} rides")
