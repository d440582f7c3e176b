import csv
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import Podcast
from charts.models import DownloadStat


class Command(BaseCommand):
    help = "Import daily download counts: CSV with columns feed_url,day,downloads (day as YYYY-MM-DD)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        by_url = dict(Podcast.objects.values_list("feed_url", "pk"))
        imported = skipped = 0
        try:
            handle = open(path, newline="")
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        with handle, transaction.atomic():
            for row in csv.DictReader(handle):
                podcast_id = by_url.get(row.get("feed_url", "").strip())
                try:
                    day = date.fromisoformat(row["day"])
                    downloads = int(row["downloads"])
                except (KeyError, ValueError):
                    skipped += 1
                    continue
                if podcast_id is None:
                    skipped += 1
                    continue
                DownloadStat.objects.update_or_create(podcast_id=podcast_id, day=day,
                                                      defaults={"downloads": downloads})
                imported += 1
        self.stdout.write(f"{imported} rows imported, {skipped} skipped")
