"""Run the refill reminder job by hand, e.g. after a provider outage.

    python manage.py send_refill_reminders
    python manage.py send_refill_reminders --date 2024-05-02 --dry-run
"""
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pharmacy.services import RefillReminderService


class Command(BaseCommand):
    help = "Send refill reminder texts for prescriptions coming due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Run as if today were this date (YYYY-MM-DD). Defaults to today.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the prescriptions that would be reminded; send nothing.",
        )

    def handle(self, *args, **options):
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date: {exc}") from exc
        else:
            today = timezone.localdate()

        service = RefillReminderService()
        if options["dry_run"]:
            due = service.due_prescriptions(today)
            for rx in due:
                self.stdout.write(f"{rx.rx_number}\tdue {rx.refill_due_on}\t{rx.patient}")
            self.stdout.write(f"{due.count()} prescription(s) due (dry run, nothing sent)")
            return

        summary = service.run(today=today)
        self.stdout.write(self.style.SUCCESS(f"Refill reminders for {today}: {summary}"))
