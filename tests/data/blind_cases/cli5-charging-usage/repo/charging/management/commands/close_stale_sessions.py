from django.core.management.base import BaseCommand

from charging.services import close_stale_sessions


class Command(BaseCommand):
    help = "Close sessions that have not reported a meter value for a long time (missing StopTransaction)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, help="default: VOLTPARK['STALE_SESSION_HOURS']")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, hours=None, dry_run=False, **options):
        sessions = close_stale_sessions(hours=hours, dry_run=dry_run)
        for session in sessions:
            self.stdout.write(f"  {session.transaction_id} {session.charger} last meter {session.last_meter_at}")
        verb = "would close" if dry_run else "closed"
        self.stdout.write(f"{verb} {len(sessions)} stale session(s)")
