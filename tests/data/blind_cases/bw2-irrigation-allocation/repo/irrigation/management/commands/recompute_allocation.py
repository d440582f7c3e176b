from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Sum

from farms.models import Farm, SeasonAllocation
from irrigation.models import IrrigationRun


class Command(BaseCommand):
    help = "Recompute a farm's remaining allocation from its finished runs (audit / repair)."

    def add_arguments(self, parser):
        parser.add_argument("member_number")
        parser.add_argument("--apply", action="store_true", help="write the corrected value")

    def handle(self, *args, **options):
        try:
            farm = Farm.objects.get(member_number=options["member_number"])
        except Farm.DoesNotExist:
            raise CommandError(f"no farm {options['member_number']}")
        allocation = SeasonAllocation.objects.current_for(farm)
        if allocation is None:
            raise CommandError("no allocation for the current season")
        used = IrrigationRun.objects.filter(
            zone__farm=farm,
            status=IrrigationRun.Status.DONE,
            started_at__date__gte=allocation.season_start,
            started_at__date__lte=allocation.season_end,
        ).aggregate(total=Sum("delivered_liters"))["total"] or 0
        expected = allocation.allocated_liters - used
        self.stdout.write(
            f"{farm.member_number}: booked remaining {allocation.remaining_liters} l, from runs {expected} l "
            f"(difference {allocation.remaining_liters - expected} l)"
        )
        if options["apply"] and expected != allocation.remaining_liters:
            with transaction.atomic():
                SeasonAllocation.objects.filter(pk=allocation.pk).update(remaining_liters=expected)
            self.stdout.write("corrected")
