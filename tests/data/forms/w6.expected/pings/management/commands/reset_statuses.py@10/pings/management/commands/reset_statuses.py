from django.core.management.base import BaseCommand

from pings.models import Check


class Command(BaseCommand):
    help = "Nightly (deploy/crontab): mark every check unknown until its next ping"

    def handle(self, *args, **options):
        for check in Check.objects.all().iterator(chunk_size=2000):
            check.status = "unknown"
            check.save(update_fields=["status"])
