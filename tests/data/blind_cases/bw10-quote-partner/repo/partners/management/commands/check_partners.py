from django.core.management.base import BaseCommand, CommandError

from partners.client import PartnerClient
from partners.models import Partner


class Command(BaseCommand):
    help = "Ping every active partner's API and report the ones that are down."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="only print partners that are down")

    def handle(self, *args, quiet, **options):
        down = []
        for partner in Partner.objects.filter(is_active=True):
            ok = PartnerClient.for_partner(partner).ping()
            if not ok:
                down.append(partner.code)
            if not ok or not quiet:
                self.stdout.write(f"{partner.code:<20} {'up' if ok else 'DOWN'}")
        if down:
            raise CommandError(f"{len(down)} partner(s) down: {', '.join(down)}")
