from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tenancies.models import Tenancy


class Command(BaseCommand):
    help = ("Copy the tenancies of members who confirmed their renewal into the next season, "
            "at the plot's current standard fee (concessions keep their reduced rate).")

    def add_arguments(self, parser):
        parser.add_argument("from_season", type=int)
        parser.add_argument("to_season", type=int)

    def handle(self, *args, from_season, to_season, **options):
        if to_season != from_season + 1:
            raise CommandError("can only roll over into the following season")
        renewing = (Tenancy.objects.filter(season=from_season, renews=True)
                    .select_related("plot", "tenant").order_by("plot__number"))
        created = skipped = 0
        with transaction.atomic():
            for old in renewing:
                fee = old.plot.minimum_fee if old.is_concession else old.plot.standard_fee
                _, was_created = Tenancy.objects.get_or_create(
                    plot=old.plot,
                    season=to_season,
                    defaults={"tenant": old.tenant, "annual_fee": fee, "source": Tenancy.Source.ROLLOVER},
                )
                if was_created:
                    created += 1
                else:
                    skipped += 1
        self.stdout.write(f"season {to_season}: {created} tenancies rolled over, {skipped} already present")
