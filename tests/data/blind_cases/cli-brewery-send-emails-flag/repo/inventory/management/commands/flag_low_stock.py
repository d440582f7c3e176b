from django.core.management.base import BaseCommand
from django.utils import timezone

from brewhouse.management.options import add_common_options, resolve_site
from brewhouse.notifications import notify_purchasing
from inventory.stock import below_reorder_level


class Command(BaseCommand):
    help = "List ingredients below their reorder level and email purchasing."

    def add_arguments(self, parser):
        add_common_options(parser)

    def handle(self, *args, **options):
        site = resolve_site(options["site"])
        levels = list(below_reorder_level(site)[: options["batch_size"]])
        for lvl in levels:
            self.stdout.write(f"{lvl.site.code} {lvl.ingredient.name}: {lvl.quantity_kg} kg")
        if options["dry_run"]:
            self.stdout.write(f"dry run: {len(levels)} ingredient(s) low")
            return
        if options["send_emails"] and levels:
            notify_purchasing(levels)
        for lvl in levels:
            lvl.flagged_at = timezone.now()
            lvl.save(update_fields=["flagged_at"])
        self.stdout.write(f"{len(levels)} ingredient(s) flagged")
