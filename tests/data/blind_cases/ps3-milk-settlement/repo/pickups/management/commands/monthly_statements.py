import calendar
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Max, Sum

from members.models import Member
from pickups.models import DailyMilkSupply


class Command(BaseCommand):
    help = "Print (or mail, with --send) the monthly supply statement of every member."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--member", help="only this member number")

    def handle(self, *args, **options):
        try:
            first = date.fromisoformat(f"{options['month']}-01")
        except ValueError:
            raise CommandError("--month must be YYYY-MM")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        members = Member.objects.order_by("number")
        if options["member"]:
            members = members.filter(number=options["member"])
        for member in members:
            rows = DailyMilkSupply.objects.filter(farm__member=member, day__range=(first, last))
            totals = rows.aggregate(days=Count("day", distinct=True), litres=Sum("litres"), fat_kg=Sum("fat_kg"),
                                    protein_kg=Sum("protein_kg"), amount=Sum("amount"), max_temp=Max("max_temp_c"))
            if not totals["days"]:
                continue
            self.stdout.write(
                f"{member.number} {member.name}: {totals['days']} days, {totals['litres']:.1f} l, "
                f"{totals['fat_kg']:.2f} kg fat, {totals['protein_kg']:.2f} kg protein, EUR {totals['amount']:.2f}"
            )
