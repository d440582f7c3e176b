from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hollowoak.files import finished_exports, hand_over


class Command(BaseCommand):
    help = "Hand every finished export in the outbox over to the accounting share."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        share = settings.ACCOUNTING_SHARE
        if not dry_run and not share.is_dir():
            raise CommandError(f"accounting share {share} is not mounted")
        files = finished_exports()
        for path in files:
            if dry_run:
                self.stdout.write(f"would send {path.name}")
                continue
            sent = hand_over(path, share, settings.EXPORT_SENT)
            self.stdout.write(f"sent {path.name} -> {sent}")
        self.stdout.write(f"{len(files)} file(s) {'to send' if dry_run else 'sent'}")
