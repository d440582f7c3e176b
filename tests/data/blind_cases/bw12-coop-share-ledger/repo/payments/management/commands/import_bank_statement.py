from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from payments.feed import FeedError, import_statement
from payments.models import BankTransaction
from payments.tasks import queue_matched


class Command(BaseCommand):
    help = "Import a CSV statement export by hand and queue the matched payments."

    def add_arguments(self, parser):
        parser.add_argument("statement", type=Path)
        parser.add_argument("--no-apply", action="store_true", help="only import and match")

    def handle(self, *args, statement, no_apply=False, **options):
        if not statement.exists():
            raise CommandError(f"{statement} does not exist")
        try:
            with statement.open(encoding="utf-8-sig", newline="") as fh:
                matched = import_statement(fh)
        except FeedError as exc:
            raise CommandError(str(exc)) from exc
        unmatched = BankTransaction.objects.filter(status=BankTransaction.Status.UNMATCHED).count()
        queued = 0 if no_apply else queue_matched(matched)
        self.stdout.write(f"{len(matched)} matched, {queued} queued, {unmatched} waiting for review")
