from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from care.models import CareTask


class Command(BaseCommand):
    help = "Print the care board (open care slots) for a day, grouped by run."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, default today")
        parser.add_argument("--all", action="store_true", help="include slots already done")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"bad --date: {exc}") from exc
        tasks = CareTask.objects.select_related("stay__pet", "stay__run").filter(due_at__date=day)
        if not options["all"]:
            tasks = tasks.filter(done_at__isnull=True)
        current_run = None
        count = 0
        for task in tasks.order_by("stay__run__code", "due_at"):
            run = task.stay.run.code if task.stay.run else "-"
            if run != current_run:
                self.stdout.write(f"== run {run}: {task.stay.pet.name}")
                current_run = run
            status = "done" if task.done_at else "open"
            self.stdout.write(f"  {timezone.localtime(task.due_at):%H:%M} {task.get_kind_display():<24} "
                              f"[{status}] {task.instructions}")
            count += 1
        self.stdout.write(f"{count} care slots on {day.isoformat()}")
