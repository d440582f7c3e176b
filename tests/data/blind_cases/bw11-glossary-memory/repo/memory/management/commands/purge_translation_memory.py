from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from glossary.models import Client
from memory.services import purge_unused_units


class Command(BaseCommand):
    help = "Delete TM units nobody used for TM_RETENTION_DAYS (nightly cron, 03:15)."

    def add_arguments(self, parser):
        parser.add_argument("--client", help="only this client code")
        parser.add_argument("--days", type=int, default=None, help="override TM_RETENTION_DAYS")

    def handle(self, *args, client=None, days=None, **options):
        days = settings.TM_RETENTION_DAYS if days is None else days
        if days < 30:
            raise CommandError("refusing to purge units used in the last 30 days")
        client_id = None
        if client:
            try:
                client_id = Client.objects.get(code=client).id
            except Client.DoesNotExist:
                raise CommandError(f"unknown client {client!r}")
        cutoff = timezone.now() - timedelta(days=days)
        deleted = purge_unused_units(client_id, cutoff)
        self.stdout.write(f"purged {deleted} translation unit(s) unused since {cutoff:%Y-%m-%d}")
