import csv

from django.core.management.base import BaseCommand, CommandError

from podcasts.models import Episode
from stats.tasks import record_play


class Command(BaseCommand):
    help = "Queue one record_play task per line of a CDN access log export (csv)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        known = dict(Episode.objects.values_list("audio_url", "pk"))
        queued = skipped = 0
        try:
            with open(options["path"], newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    episode_id = known.get(row["url"])
                    if episode_id is None:
                        skipped += 1
                        continue
                    record_play.delay(episode_id, row["time"], row["client"], int(row["seconds"]))
                    queued += 1
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"queued {queued}, skipped {skipped}")
