from django.core.management.base import BaseCommand

from permits.decisions import expire_permits


class Command(BaseCommand):
    help = "Mark active permits past valid_until as expired (daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_permits()} permit(s)")
