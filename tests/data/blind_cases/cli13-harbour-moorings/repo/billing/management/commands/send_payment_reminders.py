from django.core.management.base import BaseCommand

from billing.reminders import send_payment_reminders


class Command(BaseCommand):
    help = "E-mail berth holders whose season invoice is overdue (at most once a week per invoice)."

    def add_arguments(self, parser):
        parser.add_argument("--days-overdue", type=int, default=0,
                            help="only invoices at least this many days past their due date")
        parser.add_argument("--dry-run", action="store_true", help="list the invoices, send nothing")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        due = send_payment_reminders(days_overdue=options["days_overdue"], dry_run=dry_run)
        for invoice in due:
            self.stdout.write(f"{invoice.number}  {invoice.holder_email}  due {invoice.due_on}  £{invoice.balance}")
        verb = "would be reminded" if dry_run else "reminded"
        self.stdout.write(self.style.SUCCESS(f"{len(due)} invoices {verb}"))
