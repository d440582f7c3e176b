from django.core.management.base import BaseCommand
from django.utils import timezone

from brewhouse.fermentation import fermenting_batches, is_stable, mark_fermented
from brewhouse.management.options import add_common_options, resolve_site
from brewhouse.notifications import notify_cellar_team


class Command(BaseCommand):
    help = "Move batches whose gravity has been stable to conditioning and tell the cellar team."

    def add_arguments(self, parser):
        add_common_options(parser)

    def handle(self, *args, **options):
        site = resolve_site(options["site"])
        now = timezone.now()
        done = []
        for batch in fermenting_batches(site).iterator(chunk_size=options["batch_size"]):
            if not is_stable(batch, now=now):
                continue
            if options["dry_run"]:
                self.stdout.write(f"would close {batch.code} ({batch.recipe.name})")
                done.append(batch)
                continue
            done.append(mark_fermented(batch, now=now))
            self.stdout.write(f"closed {batch.code} ({batch.recipe.name})")

        if options["dry_run"]:
            self.stdout.write(f"dry run: {len(done)} batch(es) would move to conditioning")
            return
        if options["send_emails"] and done:
            notify_cellar_team(done)
            self.stdout.write(f"emailed cellar team about {len(done)} batch(es)")
        self.stdout.write(self.style.SUCCESS(f"{len(done)} batch(es) moved to conditioning"))
