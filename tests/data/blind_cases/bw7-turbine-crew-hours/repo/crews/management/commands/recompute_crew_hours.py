from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Sum

from crews.models import Technician, Timesheet


class Command(BaseCommand):
    help = "Rebuild the monthly regular/overtime totals of every technician from the applied timesheets."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, month, dry_run, **options):
        try:
            first = date.fromisoformat(f"{month}-01")
        except ValueError as exc:
            raise CommandError(f"--month must look like 2024-05, got {month!r}") from exc
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        changed = 0
        with transaction.atomic():
            for tech in Technician.objects.select_for_update():
                total = (
                    Timesheet.objects.filter(technician=tech, status=Timesheet.Status.APPLIED,
                                             work_date__gte=first, work_date__lt=nxt)
                    .aggregate(total=Sum("hours"))["total"]
                    or Decimal("0")
                )
                regular = min(total, tech.monthly_cap)
                overtime = total - regular
                if (regular, overtime) != (tech.regular_hours, tech.overtime_hours):
                    self.stdout.write(
                        f"{tech.employee_no}: {tech.regular_hours}/{tech.overtime_hours} -> {regular}/{overtime}"
                    )
                    changed += 1
                    if not dry_run:
                        tech.regular_hours, tech.overtime_hours = regular, overtime
                        tech.save(update_fields=["regular_hours", "overtime_hours", "updated_at"])
        self.stdout.write(f"{changed} technician(s) {'would change' if dry_run else 'updated'}")
