from django.core.management.base import BaseCommand, CommandError

from partners.actors import sync_partner_products
from partners.models import Partner


class Command(BaseCommand):
    help = "Queue a product catalogue refresh for every active partner (or the ones named)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="partner codes; all active partners when omitted")

    def handle(self, *args, codes, **options):
        partners = Partner.objects.filter(is_active=True)
        if codes:
            partners = partners.filter(code__in=codes)
            missing = set(codes) - set(partners.values_list("code", flat=True))
            if missing:
                raise CommandError(f"unknown or inactive partner(s): {', '.join(sorted(missing))}")
        count = 0
        for partner in partners:
            sync_partner_products.send(partner.pk)
            count += 1
        self.stdout.write(f"queued catalogue sync for {count} partner(s)")
