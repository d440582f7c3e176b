from django.conf import settings
from django.core.management.base import BaseCommand

from rewards.services import expire_points

from ._dates import business_date_arg


class Command(BaseCommand):
    help = "Expire the points of members who have not shopped for POINTS_EXPIRY_MONTHS months."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="reference date, YYYY-MM-DD (default: today)")
        parser.add_argument("--months", type=int, default=settings.POINTS_EXPIRY_MONTHS)

    def handle(self, *args, **options):
        today = business_date_arg(options["today"]) if options["today"] else None
        expired = expire_points(today=today, months=options["months"])
        self.stdout.write(f"{expired} members expired")
