import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bookings import invoicing, periods
from bookings.tasks import send_invoice_email
from spaces.models import Company

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Build (and optionally issue) one invoice per company for a calendar month."

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            type=periods.parse_month,
            help="month to invoice, YYYY-MM (default: the previous month)",
        )
        parser.add_argument(
            "--company",
            action="append",
            dest="companies",
            metavar="SLUG",
            help="only this company (repeatable)",
        )
        parser.add_argument("--issue", action="store_true", help="mark the invoices issued and email them")
        parser.add_argument("--dry-run", action="store_true", help="print the invoices, write nothing")

    def handle(self, *args, month=None, companies=None, issue=False, dry_run=False, **options):
        period = month or periods.previous_month()
        verbosity = options.get("verbosity", 1)
        currency = settings.DESKHUB["CURRENCY"]

        qs = Company.objects.filter(is_active=True)
        if companies:
            qs = Company.objects.filter(slug__in=companies)
            missing = sorted(set(companies) - set(qs.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"unknown company slug(s): {', '.join(missing)}")

        built = skipped = 0
        grand_total = 0
        for company in qs.order_by("slug"):
            draft = invoicing.draft_invoice(company, period)
            if not draft.lines:
                if verbosity >= 2:
                    self.stdout.write(f"{company.slug}: no billable bookings in {period.label}")
                continue
            if verbosity >= 2 or dry_run:
                for line in draft.lines:
                    self.stdout.write(f"  {line.description}: {line.hours}h x {line.unit_price} = {line.amount}")
            if dry_run:
                self.stdout.write(
                    f"{draft.number}: {len(draft.lines)} line(s), subtotal {currency} {draft.subtotal} (dry run)"
                )
                built += 1
                grand_total += draft.subtotal
                continue
            try:
                invoice = invoicing.save_invoice(draft)
            except invoicing.InvoiceLocked as exc:
                skipped += 1
                self.stderr.write(f"{company.slug}: skipped, {exc}")
                continue
            if issue:
                invoicing.issue(invoice)
                transaction.on_commit(lambda pk=invoice.pk: send_invoice_email.delay(pk))
            built += 1
            grand_total += invoice.subtotal
            if verbosity >= 1:
                self.stdout.write(
                    f"{invoice.number}: {len(draft.lines)} line(s), subtotal {currency} {invoice.subtotal}"
                    + (" issued" if issue else "")
                )

        summary = f"{period.label}: {built} invoice(s), subtotal {currency} {grand_total:.2f}"
        if skipped:
            summary += f", {skipped} skipped"
        if dry_run:
            summary += " (dry run, nothing saved)"
        logger.info(summary)
        if verbosity >= 1:
            self.stdout.write(summary)
